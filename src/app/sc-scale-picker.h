/* sc-scale-picker.h: a row of levels or choices, picked by click or key
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget for scale, choice, multi and yes/no questions: each option is a
 * toggle button showing its label, with its meaning as tooltip, accessible
 * description and, for the picked level, as a line under the row. Tab enters
 * the row once (on the picked option); arrow keys move within it; each
 * option's key (a level's value, a choice's position, Y or N) picks it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_SCALE_PICKER (sc_scale_picker_get_type ())
G_DECLARE_FINAL_TYPE (ScScalePicker, sc_scale_picker, SC, SCALE_PICKER, GtkWidget)

GtkWidget *sc_scale_picker_new (gboolean multiple,
                                guint    max_per_line);
/* BADGE (e.g. "4") is shown above the label; MEANING may be NULL; KEYVAL is
 * the key that picks the option, or 0. */
void       sc_scale_picker_add_option (ScScalePicker *self,
                                       const char    *value,
                                       const char    *badge,
                                       const char    *label,
                                       const char    *meaning,
                                       guint          keyval);
/* Comma-separated values when MULTIPLE; NULL or "" for none. Emits nothing. */
void       sc_scale_picker_set_value (ScScalePicker *self,
                                      const char    *value);
/* NULL when nothing is picked. */
char      *sc_scale_picker_get_value (ScScalePicker *self);
void       sc_scale_picker_set_editable (ScScalePicker *self,
                                         gboolean       editable);

G_END_DECLS
