/* sc-date-button.h: a button that shows a date and picks one from a calendar
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_DATE_BUTTON (sc_date_button_get_type ())

G_DECLARE_FINAL_TYPE (ScDateButton, sc_date_button, SC, DATE_BUTTON, GtkWidget)

GtkWidget *sc_date_button_new (void);
/* What the date is, for screen readers: "Start date". */
void       sc_date_button_set_title (ScDateButton *self,
                                     const char   *title);
/* The date as ISO 8601 ("2026-03-09"). */
char      *sc_date_button_get_iso (ScDateButton *self);
GDateTime *sc_date_button_get_date (ScDateButton *self);
void       sc_date_button_set_date (ScDateButton *self,
                                    GDateTime    *date);

G_END_DECLS
