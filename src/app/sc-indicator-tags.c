/* sc-indicator-tags.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-indicator-tags.h"

struct _ScIndicatorTags
{
  GtkWidget parent_instance;

  const ScFramework *framework;
  GtkWidget *box;
  GtkWidget *tags_box;
  GtkWidget *button;
  GtkWidget *list;       /* built when the popover first opens */
  GPtrArray *fixed;      /* ScIndicator* */
  GPtrArray *chosen;     /* indicator ids, framework order */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ScIndicatorTags, sc_indicator_tags, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_fixed (ScIndicatorTags *self,
          const char      *id)
{
  for (guint i = 0; self->fixed != NULL && i < self->fixed->len; i++)
    if (g_str_equal (((ScIndicator *) g_ptr_array_index (self->fixed, i))->id, id))
      return TRUE;
  return FALSE;
}

static gboolean
is_chosen (ScIndicatorTags *self,
           const char      *id)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_str_equal (g_ptr_array_index (self->chosen, i), id))
      return TRUE;
  return FALSE;
}

static void
add_tag (ScIndicatorTags   *self,
         const ScIndicator *indicator,
         gboolean           fixed)
{
  GtkWidget *tag = gtk_label_new (indicator->id);

  gtk_widget_add_css_class (tag, "sc-tag");
  if (!fixed)
    gtk_widget_add_css_class (tag, "chosen");
  gtk_widget_set_tooltip_text (tag, sc_text_get (indicator->title));
  gtk_box_append (GTK_BOX (self->tags_box), tag);
}

static void
show_tags (ScIndicatorTags *self)
{
  GtkWidget *child;
  g_autoptr (GString) description = g_string_new (NULL);

  while ((child = gtk_widget_get_first_child (self->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tags_box), child);

  for (guint i = 0; self->fixed != NULL && i < self->fixed->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (self->fixed, i);

      add_tag (self, indicator, TRUE);
      g_string_append_printf (description, "%s%s", description->len ? ", " : "", indicator->id);
    }
  for (guint i = 0; i < self->chosen->len; i++)
    {
      const char *id = g_ptr_array_index (self->chosen, i);
      const ScIndicator *indicator = sc_framework_lookup_indicator (self->framework, id);

      if (indicator != NULL)
        add_tag (self, indicator, FALSE);
      g_string_append_printf (description, "%s%s", description->len ? ", " : "", id);
    }
  gtk_widget_set_visible (self->tags_box, description->len > 0);

  {
    /* Translators: %s lists indicator ids, e.g. "5.2, 7.1" */
    g_autofree char *label = description->len > 0
                               ? g_strdup_printf (_("Indicators: %s"), description->str)
                               : g_strdup (_("Indicators: none"));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
  }
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  ScIndicatorTags *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "indicator");
  GPtrArray *indicators = sc_framework_get_indicators (self->framework);
  g_autoptr (GPtrArray) chosen = g_ptr_array_new_with_free_func (g_free);

  if (self->updating)
    return;

  /* Rebuilt in framework order, so the same set always reads the same. */
  for (guint i = 0; i < indicators->len; i++)
    {
      const char *other = ((ScIndicator *) g_ptr_array_index (indicators, i))->id;
      gboolean on = g_str_equal (other, id) ? gtk_check_button_get_active (check)
                                             : is_chosen (self, other);

      if (on)
        g_ptr_array_add (chosen, g_strdup (other));
    }
  g_ptr_array_unref (self->chosen);
  self->chosen = g_steal_pointer (&chosen);
  show_tags (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sync_checks (ScIndicatorTags *self)
{
  self->updating = TRUE;
  for (GtkWidget *row = self->list ? gtk_widget_get_first_child (self->list) : NULL;
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      const char *id = g_object_get_data (G_OBJECT (check), "indicator");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   is_fixed (self, id) || is_chosen (self, id));
      gtk_widget_set_sensitive (check, !is_fixed (self, id));
    }
  self->updating = FALSE;
}

static void
build_list (ScIndicatorTags *self)
{
  GPtrArray *indicators = sc_framework_get_indicators (self->framework);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Indicators"), -1);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      g_autofree char *label = g_strdup_printf ("%s  %s", indicator->id,
                                                sc_text_get (indicator->title));
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *text = gtk_widget_get_last_child (check);

      if (GTK_IS_LABEL (text))
        {
          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
        }
      g_object_set_data_full (G_OBJECT (check), "indicator", g_strdup (indicator->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (self->list), check);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  sync_checks (self);
}

/* Building every popover up front would slow a long form for nothing. */
static void
create_popup_cb (GtkMenuButton   *button,
                 ScIndicatorTags *self)
{
  if (self->list == NULL)
    build_list (self);
  else
    sync_checks (self);
}

static void
sc_indicator_tags_dispose (GObject *object)
{
  ScIndicatorTags *self = SC_INDICATOR_TAGS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_indicator_tags_parent_class)->dispose (object);
}

static void
sc_indicator_tags_finalize (GObject *object)
{
  ScIndicatorTags *self = SC_INDICATOR_TAGS (object);

  g_clear_pointer (&self->fixed, g_ptr_array_unref);
  g_ptr_array_unref (self->chosen);
  G_OBJECT_CLASS (sc_indicator_tags_parent_class)->finalize (object);
}

static void
sc_indicator_tags_class_init (ScIndicatorTagsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_indicator_tags_dispose;
  object_class->finalize = sc_indicator_tags_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-indicator-tags");
}

static void
sc_indicator_tags_init (ScIndicatorTags *self)
{
  self->chosen = g_ptr_array_new_with_free_func (g_free);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->tags_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (self->tags_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->tags_box);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), _("Tag…"));
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Tag indicators"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag indicators"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button),
                                         (GtkMenuButtonCreatePopupFunc) create_popup_cb,
                                         self, NULL);
  gtk_box_append (GTK_BOX (self->box), self->button);
}

GtkWidget *
sc_indicator_tags_new (const ScFramework *framework)
{
  ScIndicatorTags *self = g_object_new (SC_TYPE_INDICATOR_TAGS, NULL);

  self->framework = framework;
  show_tags (self);
  return GTK_WIDGET (self);
}

void
sc_indicator_tags_set_fixed (ScIndicatorTags *self,
                             GPtrArray       *indicators)
{
  g_return_if_fail (SC_IS_INDICATOR_TAGS (self));

  g_clear_pointer (&self->fixed, g_ptr_array_unref);
  self->fixed = indicators != NULL ? g_ptr_array_ref (indicators) : NULL;
  show_tags (self);
}

void
sc_indicator_tags_set_tags (ScIndicatorTags *self,
                            const char      *tags)
{
  g_auto (GStrv) ids = g_strsplit (tags != NULL ? tags : "", " ", -1);

  g_return_if_fail (SC_IS_INDICATOR_TAGS (self));

  g_ptr_array_set_size (self->chosen, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0' && !is_fixed (self, ids[i]) && !is_chosen (self, ids[i]))
      g_ptr_array_add (self->chosen, g_strdup (ids[i]));
  show_tags (self);
  if (self->list != NULL)
    sync_checks (self);
}

char *
sc_indicator_tags_get_tags (ScIndicatorTags *self)
{
  g_autoptr (GString) tags = g_string_new (NULL);

  g_return_val_if_fail (SC_IS_INDICATOR_TAGS (self), NULL);

  for (guint i = 0; i < self->chosen->len; i++)
    g_string_append_printf (tags, "%s%s", i > 0 ? " " : "",
                            (char *) g_ptr_array_index (self->chosen, i));
  return g_string_free (g_steal_pointer (&tags), FALSE);
}

void
sc_indicator_tags_set_editable (ScIndicatorTags *self,
                                gboolean         editable)
{
  g_return_if_fail (SC_IS_INDICATOR_TAGS (self));

  gtk_widget_set_visible (self->button, editable);
}
