/* sc-idle-monitor.h: notices when nobody has touched the application for a while
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches key presses, pointer motion, clicks and scrolling in the windows it
 * is given, and emits "idle" once when none came for the timeout. The next
 * input starts the count again.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_IDLE_MONITOR (sc_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (ScIdleMonitor, sc_idle_monitor, SC, IDLE_MONITOR, GObject)

ScIdleMonitor *sc_idle_monitor_new (void);
/* Counts input in WIDGET (usually a window) as activity. */
void           sc_idle_monitor_watch (ScIdleMonitor *self,
                                      GtkWidget     *widget);
/* Seconds without input before "idle"; 0 never emits it. */
void           sc_idle_monitor_set_timeout (ScIdleMonitor *self,
                                            guint          seconds);
guint          sc_idle_monitor_get_timeout (ScIdleMonitor *self);
/* Counts from now, as if there had just been input. */
void           sc_idle_monitor_reset (ScIdleMonitor *self);

G_END_DECLS
