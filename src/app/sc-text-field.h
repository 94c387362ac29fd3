/* sc-text-field.h: free text, with the confidentiality check under it
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A multi-line text view where Tab moves on (it never inserts a tab), its
 * accessible label the question or purpose it serves, and an
 * ScLintWarning below. "changed" is emitted on every edit by the user, never
 * by sc_text_field_set_text().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_TEXT_FIELD (sc_text_field_get_type ())
G_DECLARE_FINAL_TYPE (ScTextField, sc_text_field, SC, TEXT_FIELD, GtkWidget)

GtkWidget   *sc_text_field_new (const char *accessible_label);
char        *sc_text_field_get_text (ScTextField *self);
void         sc_text_field_set_text (ScTextField *self,
                                     const char  *text);
void         sc_text_field_set_editable (ScTextField *self,
                                         gboolean     editable);
GtkTextView *sc_text_field_get_view (ScTextField *self);
/* Shown dimmed while the field is empty. */
void         sc_text_field_set_placeholder (ScTextField *self,
                                            const char  *placeholder);

G_END_DECLS
