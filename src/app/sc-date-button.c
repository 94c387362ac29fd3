/* sc-date-button.c: a button that shows a date and picks one from a calendar
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-date-button.h"

struct _ScDateButton
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkCalendar *calendar;
  GDateTime *date;
  char *title;
};

G_DEFINE_FINAL_TYPE (ScDateButton, sc_date_button, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (ScDateButton *self)
{
  /* Translators: a date, see the strftime() manual: "9 Mar 2026" */
  g_autofree char *text = g_date_time_format (self->date, _("%-d %b %Y"));

  gtk_menu_button_set_label (self->button, text);
  /* Read as "Start date, 09/03/26": the button alone says only the date. */
  if (self->title != NULL)
    {
      g_autofree char *label = g_strdup_printf ("%s, %s", self->title, text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

void
sc_date_button_set_title (ScDateButton *self,
                          const char   *title)
{
  g_return_if_fail (SC_IS_DATE_BUTTON (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GDateTime *
sc_date_button_get_date (ScDateButton *self)
{
  g_return_val_if_fail (SC_IS_DATE_BUTTON (self), NULL);

  return self->date;
}

char *
sc_date_button_get_iso (ScDateButton *self)
{
  g_return_val_if_fail (SC_IS_DATE_BUTTON (self), NULL);

  return g_date_time_format (self->date, "%Y-%m-%d");
}

void
sc_date_button_set_date (ScDateButton *self,
                         GDateTime    *date)
{
  g_return_if_fail (SC_IS_DATE_BUTTON (self));
  g_return_if_fail (date != NULL);

  if (self->date != NULL && g_date_time_equal (self->date, date))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
  gtk_calendar_select_day (self->calendar, date);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
day_selected_cb (ScDateButton *self,
                 GtkCalendar  *calendar)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);

  sc_date_button_set_date (self, date);
  gtk_menu_button_popdown (self->button);
}

GtkWidget *
sc_date_button_new (void)
{
  return g_object_new (SC_TYPE_DATE_BUTTON, NULL);
}

static void
sc_date_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScDateButton *self = SC_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_date_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ScDateButton *self = SC_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      if (g_value_get_boxed (value) != NULL)
        sc_date_button_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_TITLE:
      sc_date_button_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_date_button_dispose (GObject *object)
{
  ScDateButton *self = SC_DATE_BUTTON (object);

  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;

  G_OBJECT_CLASS (sc_date_button_parent_class)->dispose (object);
}

static void
sc_date_button_finalize (GObject *object)
{
  ScDateButton *self = SC_DATE_BUTTON (object);

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (sc_date_button_parent_class)->finalize (object);
}

static gboolean
sc_date_button_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SC_DATE_BUTTON (widget)->button));
}

static void
sc_date_button_class_init (ScDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sc_date_button_get_property;
  object_class->set_property = sc_date_button_set_property;
  object_class->dispose = sc_date_button_dispose;
  object_class->finalize = sc_date_button_finalize;
  widget_class->grab_focus = sc_date_button_grab_focus;

  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                              G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sc_date_button_init (ScDateButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->button, popover);
  gtk_menu_button_set_always_show_arrow (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  sc_date_button_set_date (self, today);
}
