/* sc-concerns-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-concern-popover.h"
#include "sc-concerns-view.h"

struct _ScConcernsView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *stack;
  GtkWidget *open_group;
  GtkWidget *open_list;
  GtkWidget *closed_group;
  GtkWidget *closed_list;
  GtkWidget *raise_button;

  ScInspectionContext *context;
  GHashTable *refs; /* record id -> ref */
  guint n_open;
};

G_DEFINE_FINAL_TYPE (ScConcernsView, sc_concerns_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_N_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_label (ScConcernStatus status)
{
  switch (status)
    {
    case SC_CONCERN_RAISED:
      return _("Raised");
    case SC_CONCERN_PASSED_ON:
      return _("Passed on");
    case SC_CONCERN_CLOSED:
    default:
      return _("Closed");
    }
}

static const char *
record_ref (ScConcernsView *self,
            const char     *record)
{
  if (record == NULL)
    return NULL;
  if (self->refs == NULL && self->context->store != NULL)
    {
      g_autoptr (GPtrArray) records = sc_store_list_records (self->context->store,
                                                             self->context->inspection, NULL);

      self->refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          ScRecord *r = g_ptr_array_index (records, i);

          g_hash_table_insert (self->refs, g_strdup (r->id), g_strdup (r->ref));
        }
    }
  return self->refs != NULL ? g_hash_table_lookup (self->refs, record) : NULL;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_line (GtkWidget  *box,
          const char *text)
{
  gtk_box_append (GTK_BOX (box), wrapped_label (text, NULL));
}

static char *
parse_when (const char *text,
            GError    **error)
{
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  int y, m, d, hh = 0, mm = 0;

  if (text == NULL || *text == '\0')
    return NULL;
  if (sscanf (text, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) >= 3 ||
      sscanf (text, "%d-%d-%dT%d:%d", &y, &m, &d, &hh, &mm) >= 3)
    time = g_date_time_new (local, y, m, d, hh, mm, 0);
  if (time == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Write when as YYYY-MM-DD HH:MM, or leave it empty for now"));
      return NULL;
    }
  {
    g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }
}

static void
pass_on_cb (GtkButton      *button,
            ScConcernsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "concern");
  GtkEditable *to = g_object_get_data (G_OBJECT (button), "to");
  GtkEditable *when = g_object_get_data (G_OBJECT (button), "when");
  GtkLabel *problem = g_object_get_data (G_OBJECT (button), "problem");
  g_autofree char *to_text = g_strstrip (g_strdup (gtk_editable_get_text (to)));
  g_autofree char *when_text = g_strstrip (g_strdup (gtk_editable_get_text (when)));
  g_autofree char *iso = NULL;
  g_autoptr (GError) error = NULL;

  if (self->context->store == NULL)
    return;
  iso = parse_when (when_text, &error);
  if (error == NULL)
    sc_store_pass_on_concern (self->context->store, id, to_text, iso, &error);
  if (error != NULL)
    {
      gtk_label_set_label (problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }
  sc_inspection_toast (GTK_WIDGET (self), _("Recorded as passed on"));
  sc_concerns_view_reload (self);
}

static void
close_cb (GtkButton      *button,
          ScConcernsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "concern");
  GtkEditable *outcome = g_object_get_data (G_OBJECT (button), "outcome");
  GtkLabel *problem = g_object_get_data (G_OBJECT (button), "problem");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (outcome)));
  g_autoptr (GError) error = NULL;

  if (self->context->store == NULL)
    return;
  if (!sc_store_close_concern (self->context->store, id, text, &error))
    {
      gtk_label_set_label (problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }
  sc_inspection_toast (GTK_WIDGET (self), _("Concern closed"));
  sc_concerns_view_reload (self);
}

static GtkWidget *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
add_action_rows (ScConcernsView  *self,
                 AdwExpanderRow  *expander,
                 const ScConcern *concern)
{
  GtkWidget *button;
  GtkWidget *problem = wrapped_label (NULL, "error");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_visible (problem, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);

  if (concern->status == SC_CONCERN_RAISED)
    {
      GtkWidget *to = entry_row (_("Passed on to (a role, not a name)"));
      GtkWidget *when = entry_row (_("When (YYYY-MM-DD HH:MM; empty for now)"));

      adw_expander_row_add_row (expander, to);
      adw_expander_row_add_row (expander, when);
      button = gtk_button_new_with_mnemonic (_("Record _Passing On"));
      g_object_set_data (G_OBJECT (button), "to", to);
      g_object_set_data (G_OBJECT (button), "when", when);
      g_signal_connect (button, "clicked", G_CALLBACK (pass_on_cb), self);
      g_signal_connect_swapped (to, "entry-activated", G_CALLBACK (gtk_widget_activate), button);
      g_signal_connect_swapped (when, "entry-activated", G_CALLBACK (gtk_widget_activate),
                                button);
    }
  else
    {
      GtkWidget *outcome = entry_row (_("What happened next"));

      adw_expander_row_add_row (expander, outcome);
      button = gtk_button_new_with_mnemonic (_("_Close Concern"));
      g_object_set_data (G_OBJECT (button), "outcome", outcome);
      g_signal_connect (button, "clicked", G_CALLBACK (close_cb), self);
      g_signal_connect_swapped (outcome, "entry-activated", G_CALLBACK (gtk_widget_activate),
                                button);
    }
  g_object_set_data_full (G_OBJECT (button), "concern", g_strdup (concern->id), g_free);
  g_object_set_data (G_OBJECT (button), "problem", problem);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), problem);
  gtk_box_append (GTK_BOX (box), button);
  adw_expander_row_add_row (expander, box);
}

static GtkWidget *
make_row (ScConcernsView  *self,
          const ScConcern *concern)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *badge = gtk_label_new (status_label (concern->status));
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *ref = record_ref (self, concern->record);
  g_autofree char *raised = sc_inspection_format_time (concern->raised_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *line = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), concern->summary);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (ref != NULL)
    /* Translators: when a concern was raised, and the record it came from */
    subtitle = g_strdup_printf (_("Raised %s · record %s"), raised, ref);
  else
    subtitle = g_strdup_printf (_("Raised %s"), raised);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  gtk_widget_add_css_class (badge, "sc-badge");
  gtk_widget_add_css_class (badge, "sc-concern-status");
  gtk_widget_add_css_class (badge, sc_concern_status_to_string (concern->status));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), badge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  status_label (concern->status), -1);

  gtk_widget_set_margin_start (details, 12);
  gtk_widget_set_margin_end (details, 12);
  gtk_widget_set_margin_top (details, 12);
  gtk_widget_set_margin_bottom (details, 12);
  gtk_box_append (GTK_BOX (details), wrapped_label (concern->summary, NULL));
  /* Translators: who raised a concern and when */
  line = g_strdup_printf (_("Raised by %s on %s"),
                          sc_inspection_context_member_name (self->context, concern->raised_by),
                          raised);
  add_line (details, line);
  if (concern->passed_to != NULL)
    {
      g_autofree char *when = sc_inspection_format_time (concern->passed_on_at);
      g_autofree char *text = g_strdup_printf (_("Passed on to %s on %s"), concern->passed_to,
                                               when);

      add_line (details, text);
    }
  if (concern->status == SC_CONCERN_CLOSED)
    {
      g_autofree char *when = sc_inspection_format_time (concern->closed_at);
      g_autofree char *text = g_strdup_printf (_("Closed on %s: %s"), when,
                                               concern->outcome ? concern->outcome : "");

      add_line (details, text);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details);
  if (concern->status != SC_CONCERN_CLOSED)
    add_action_rows (self, ADW_EXPANDER_ROW (row), concern);
  return row;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
sc_concerns_view_reload (ScConcernsView *self)
{
  g_autoptr (GPtrArray) concerns = NULL;
  g_autoptr (GError) error = NULL;
  guint n_closed = 0;

  g_return_if_fail (SC_IS_CONCERNS_VIEW (self));

  if (self->context->store == NULL)
    return;
  concerns = sc_store_list_concerns (self->context->store, self->context->inspection, &error);
  if (concerns == NULL)
    {
      g_warning ("Could not list the concerns: %s", error->message);
      return;
    }
  g_clear_pointer (&self->refs, g_hash_table_unref);
  clear_list (self->open_list);
  clear_list (self->closed_list);
  self->n_open = 0;
  for (guint i = 0; i < concerns->len; i++)
    {
      ScConcern *concern = g_ptr_array_index (concerns, i);
      gboolean closed = concern->status == SC_CONCERN_CLOSED;

      gtk_list_box_append (GTK_LIST_BOX (closed ? self->closed_list : self->open_list),
                           make_row (self, concern));
      if (closed)
        n_closed++;
      else
        self->n_open++;
    }
  gtk_widget_set_visible (self->open_group, self->n_open > 0);
  gtk_widget_set_visible (self->closed_group, n_closed > 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    concerns->len > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

guint
sc_concerns_view_get_n_open (ScConcernsView *self)
{
  g_return_val_if_fail (SC_IS_CONCERNS_VIEW (self), 0);

  return self->n_open;
}

static GtkWidget *
make_group (const char *title,
            GtkWidget **list)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (group), label);
  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (*list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (group), *list);
  return group;
}

static void
sc_concerns_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_OPEN:
      g_value_set_uint (value, SC_CONCERNS_VIEW (object)->n_open);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_concerns_view_dispose (GObject *object)
{
  ScConcernsView *self = SC_CONCERNS_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_concerns_view_parent_class)->dispose (object);
}

static void
sc_concerns_view_finalize (GObject *object)
{
  ScConcernsView *self = SC_CONCERNS_VIEW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_clear_pointer (&self->refs, g_hash_table_unref);
  G_OBJECT_CLASS (sc_concerns_view_parent_class)->finalize (object);
}

static void
sc_concerns_view_class_init (ScConcernsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_concerns_view_dispose;
  object_class->finalize = sc_concerns_view_finalize;
  object_class->get_property = sc_concerns_view_get_property;

  properties[PROP_N_OPEN] = g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_concerns_view_init (ScConcernsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *intro = wrapped_label (_("If you find that someone may be at risk of harm, raise a "
                                      "concern at once, then record to whom it was passed on "
                                      "and what happened next."),
                                    "dim-label");
  GtkWidget *empty = adw_status_page_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_set_hexpand (intro, TRUE);
  gtk_label_set_selectable (GTK_LABEL (intro), FALSE);
  gtk_box_append (GTK_BOX (header), intro);
  self->raise_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->raise_button), _("_Raise a Concern"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->raise_button), TRUE);
  gtk_widget_set_valign (self->raise_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->raise_button);
  gtk_box_append (GTK_BOX (content), header);

  self->stack = gtk_stack_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Safety Concerns"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  {
    GtkWidget *lists = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

    self->open_group = make_group (_("Open"), &self->open_list);
    self->closed_group = make_group (_("Closed"), &self->closed_list);
    gtk_box_append (GTK_BOX (lists), self->open_group);
    gtk_box_append (GTK_BOX (lists), self->closed_group);
    gtk_stack_add_named (GTK_STACK (self->stack), lists, "list");
  }
  gtk_box_append (GTK_BOX (content), self->stack);

  gtk_widget_add_css_class (content, "sc-page-content");
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);
}

GtkWidget *
sc_concerns_view_new (ScInspectionContext *context)
{
  ScConcernsView *self = g_object_new (SC_TYPE_CONCERNS_VIEW, NULL);
  GtkWidget *popover = sc_concern_popover_new (context);

  self->context = sc_inspection_context_ref (context);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->raise_button), popover);
  g_signal_connect_swapped (popover, "raised", G_CALLBACK (sc_concerns_view_reload), self);
  sc_concerns_view_reload (self);
  return GTK_WIDGET (self);
}
