/* sc-indicator-row.c: one indicator, its themes and illustrations on expanding
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-describe.h"
#include "sc-indicator-row.h"
#include "sc-search.h"

struct _ScIndicatorRow
{
  AdwExpanderRow parent_instance;

  GtkLabel *id_label;
  GtkLabel *kind_badge;
  GtkLabel *description_label;
  GtkLabel *scale_label;
  GtkBox   *themes_box;
  GtkBox   *illustrations_box;

  char *search_text;
};

G_DEFINE_FINAL_TYPE (ScIndicatorRow, sc_indicator_row, ADW_TYPE_EXPANDER_ROW)

static GtkWidget *
paragraph_new (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
kind_css_class (ScIndicatorKind kind)
{
  switch (kind)
    {
    case SC_INDICATOR_KIND_KEY_JUDGEMENT:
      return "key-judgement";
    case SC_INDICATOR_KIND_GRADED:
      return "graded";
    case SC_INDICATOR_KIND_OVERALL:
      return "overall";
    case SC_INDICATOR_KIND_INDICATOR:
    default:
      return NULL;
    }
}

static void
show_kind (ScIndicatorRow    *self,
           const ScIndicator *indicator,
           GString           *search)
{
  const char *kind = sc_describe_indicator_kind (indicator->kind);

  if (kind == NULL)
    return;

  gtk_label_set_label (self->kind_badge, kind);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_badge), kind_css_class (indicator->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->kind_badge), TRUE);
  g_string_append_printf (search, "\n%s", kind);
}

static void
show_subtitle (ScIndicatorRow    *self,
               const ScIndicator *indicator)
{
  g_autofree char *subtitle = NULL;

  if (indicator->parent == NULL)
    return;

  /* Translators: %s is the id of a key judgement, e.g. "KJ2" */
  subtitle = g_strdup_printf (_("Part of %s"), indicator->parent->id);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
show_description (ScIndicatorRow    *self,
                  const ScIndicator *indicator,
                  GString           *search)
{
  g_autofree char *scale = NULL;

  if (indicator->description != NULL)
    {
      const char *description = sc_text_get (indicator->description);

      gtk_label_set_label (self->description_label, description);
      gtk_widget_set_visible (GTK_WIDGET (self->description_label), TRUE);
      g_string_append_printf (search, "\n%s", description);
    }

  /* Translators: %s is the name of a scale, e.g. "Ofsted four-point scale" */
  scale = g_strdup_printf (_("Judged on: %s"), sc_text_get (indicator->scale->title));
  gtk_label_set_label (self->scale_label, scale);
}

static void
show_themes (ScIndicatorRow    *self,
             const ScIndicator *indicator,
             GString           *search)
{
  for (guint i = 0; i < indicator->themes->len; i++)
    {
      const char *theme = sc_text_get (g_ptr_array_index (indicator->themes, i));
      g_autofree char *bullet = g_strdup_printf ("•  %s", theme);

      gtk_box_append (self->themes_box, paragraph_new (bullet, NULL));
      g_string_append_printf (search, "\n%s", theme);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->themes_box), indicator->themes->len > 0);
}

static void
show_illustrations (ScIndicatorRow    *self,
                    const ScIndicator *indicator,
                    GString           *search)
{
  for (guint i = 0; i < indicator->illustrations->len; i++)
    {
      const ScIllustration *illustration = g_ptr_array_index (indicator->illustrations, i);
      const char *level = sc_text_get (illustration->level->label);
      const char *text = sc_text_get (illustration->text);

      gtk_box_append (self->illustrations_box, paragraph_new (level, "caption-heading"));
      gtk_box_append (self->illustrations_box, paragraph_new (text, NULL));
      g_string_append_printf (search, "\n%s", text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->illustrations_box),
                          indicator->illustrations->len > 0);
}

static void
sc_indicator_row_set_indicator (ScIndicatorRow    *self,
                                const ScIndicator *indicator)
{
  g_autoptr (GString) search = g_string_new (NULL);
  const char *title = sc_text_get (indicator->title);

  gtk_label_set_label (self->id_label, indicator->id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  g_string_append_printf (search, "%s\n%s", indicator->id, title);

  show_kind (self, indicator, search);
  show_subtitle (self, indicator);
  show_description (self, indicator, search);
  show_themes (self, indicator, search);
  show_illustrations (self, indicator, search);

  self->search_text = sc_search_fold (search->str);
}

GtkWidget *
sc_indicator_row_new (const ScIndicator *indicator)
{
  ScIndicatorRow *self = g_object_new (SC_TYPE_INDICATOR_ROW, NULL);

  sc_indicator_row_set_indicator (self, indicator);
  return GTK_WIDGET (self);
}

const char *
sc_indicator_row_get_search_text (ScIndicatorRow *self)
{
  g_return_val_if_fail (SC_IS_INDICATOR_ROW (self), "");

  return self->search_text;
}

static void
sc_indicator_row_finalize (GObject *object)
{
  ScIndicatorRow *self = SC_INDICATOR_ROW (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (sc_indicator_row_parent_class)->finalize (object);
}

static void
sc_indicator_row_class_init (ScIndicatorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sc_indicator_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-indicator-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, kind_badge);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, scale_label);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, themes_box);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorRow, illustrations_box);
}

static void
sc_indicator_row_init (ScIndicatorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
