/* sc-idle-monitor.c: notices when nobody has touched the application for a while
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-idle-monitor.h"

struct _ScIdleMonitor
{
  GObject parent_instance;

  guint timeout;       /* seconds; 0 = never */
  gint64 last_input;   /* monotonic microseconds */
  guint source_id;
};

G_DEFINE_FINAL_TYPE (ScIdleMonitor, sc_idle_monitor, G_TYPE_OBJECT)

enum
{
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (ScIdleMonitor *self);

static gboolean
check_idle (gpointer user_data)
{
  ScIdleMonitor *self = user_data;
  gint64 idle_for = g_get_monotonic_time () - self->last_input;

  self->source_id = 0;
  if (self->timeout == 0)
    return G_SOURCE_REMOVE;
  /* Input does not move the timer (that would be a syscall per motion
   * event); it moves last_input, and the timer looks again when it fires. */
  if (idle_for < (gint64) self->timeout * G_USEC_PER_SEC)
    schedule (self);
  else
    g_signal_emit (self, signals[IDLE], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule (ScIdleMonitor *self)
{
  gint64 due = self->last_input + (gint64) self->timeout * G_USEC_PER_SEC;
  gint64 wait_ms = MAX ((due - g_get_monotonic_time ()) / 1000, 0) + 1;

  g_clear_handle_id (&self->source_id, g_source_remove);
  if (self->timeout == 0)
    return;
  self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (wait_ms, G_MAXUINT),
                                        check_idle, self, NULL);
  g_source_set_name_by_id (self->source_id, "[scrutineer] idle check");
}

void
sc_idle_monitor_reset (ScIdleMonitor *self)
{
  g_return_if_fail (SC_IS_IDLE_MONITOR (self));

  self->last_input = g_get_monotonic_time ();
  if (self->source_id == 0)
    schedule (self);
}

static gboolean
key_pressed_cb (ScIdleMonitor *self)
{
  sc_idle_monitor_reset (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
scroll_cb (ScIdleMonitor *self)
{
  sc_idle_monitor_reset (self);
  return GDK_EVENT_PROPAGATE;
}

void
sc_idle_monitor_watch (ScIdleMonitor *self,
                       GtkWidget     *widget)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();

  g_return_if_fail (SC_IS_IDLE_MONITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* The capture phase sees every event before the widgets do, and these
   * controllers never claim or stop one. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);

  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "motion", G_CALLBACK (sc_idle_monitor_reset), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "pressed", G_CALLBACK (sc_idle_monitor_reset), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_controller (widget, key);
  gtk_widget_add_controller (widget, motion);
  gtk_widget_add_controller (widget, scroll);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

void
sc_idle_monitor_set_timeout (ScIdleMonitor *self,
                             guint          seconds)
{
  g_return_if_fail (SC_IS_IDLE_MONITOR (self));

  self->timeout = seconds;
  schedule (self);
}

guint
sc_idle_monitor_get_timeout (ScIdleMonitor *self)
{
  g_return_val_if_fail (SC_IS_IDLE_MONITOR (self), 0);

  return self->timeout;
}

ScIdleMonitor *
sc_idle_monitor_new (void)
{
  return g_object_new (SC_TYPE_IDLE_MONITOR, NULL);
}

static void
sc_idle_monitor_finalize (GObject *object)
{
  ScIdleMonitor *self = SC_IDLE_MONITOR (object);

  g_clear_handle_id (&self->source_id, g_source_remove);

  G_OBJECT_CLASS (sc_idle_monitor_parent_class)->finalize (object);
}

static void
sc_idle_monitor_class_init (ScIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_idle_monitor_finalize;

  /**
   * ScIdleMonitor::idle:
   *
   * Nobody has used the watched windows for the timeout.
   */
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
}

static void
sc_idle_monitor_init (ScIdleMonitor *self)
{
  self->last_input = g_get_monotonic_time ();
}
