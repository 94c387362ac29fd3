/* sc-frameworks-window.h: the framework browser
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frameworks hold no personal data, so the browser is a window of its own
 * that stays open whether or not the store is locked.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_FRAMEWORKS_WINDOW (sc_frameworks_window_get_type ())

G_DECLARE_FINAL_TYPE (ScFrameworksWindow, sc_frameworks_window, SC, FRAMEWORKS_WINDOW,
                      AdwApplicationWindow)

ScFrameworksWindow *sc_frameworks_window_new (GtkApplication *application);
/* Loads FILE in the background, then shows it, or says what is wrong with it. */
void                sc_frameworks_window_open_file (ScFrameworksWindow *self,
                                                    GFile              *file);
/* Asks the user for a framework file to open. */
void                sc_frameworks_window_choose_file (ScFrameworksWindow *self);

G_END_DECLS
