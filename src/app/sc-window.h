/* sc-window.h: the main window, a framework browser
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_WINDOW (sc_window_get_type ())

G_DECLARE_FINAL_TYPE (ScWindow, sc_window, SC, WINDOW, AdwApplicationWindow)

ScWindow *sc_window_new (GtkApplication *application);
/* Loads FILE in the background, then shows it, or says what is wrong with it. */
void      sc_window_open_file (ScWindow *self,
                               GFile    *file);
/* Asks the user for a framework file to open. */
void      sc_window_choose_file (ScWindow *self);

G_END_DECLS
