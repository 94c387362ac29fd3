/* sc-instrument-view.c: one instrument, its groups and their questions
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-describe.h"
#include "sc-instrument-view.h"
#include "sc-question-row.h"
#include "sc-search.h"

struct _ScInstrumentView
{
  GtkWidget parent_instance;

  GtkWidget *layout;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkLabel *help_label;
  GtkBox   *groups_box;

  ScSearchIndex *index;
};

G_DEFINE_FINAL_TYPE (ScInstrumentView, sc_instrument_view, GTK_TYPE_WIDGET)

static GtkWidget *
group_new (const ScGroup *group)
{
  GtkWidget *widget = adw_preferences_group_new ();
  g_autofree char *title = g_markup_escape_text (sc_text_get (group->title), -1);

  /* Group titles and descriptions are markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title);
  if (group->help != NULL)
    {
      g_autofree char *help = g_markup_escape_text (sc_text_get (group->help), -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget), help);
    }

  return widget;
}

static void
show_heading (ScInstrumentView   *self,
              const ScInstrument *instrument)
{
  guint n_questions = sc_instrument_count_questions (instrument);
  g_autofree char *questions = NULL;
  g_autofree char *summary = NULL;

  gtk_label_set_label (self->title_label, sc_text_get (instrument->title));

  questions = g_strdup_printf (ngettext ("%u question", "%u questions", n_questions),
                               n_questions);
  /* Translators: the kind of instrument, then how many questions it has,
   * e.g. "Record reading · 42 questions" */
  summary = g_strdup_printf (_("%s · %s"), sc_describe_instrument_kind (instrument->kind),
                             questions);
  gtk_label_set_label (self->summary_label, summary);

  if (instrument->help != NULL)
    {
      gtk_label_set_label (self->help_label, sc_text_get (instrument->help));
      gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
    }
}

static void
sc_instrument_view_set_instrument (ScInstrumentView   *self,
                                   const ScFramework  *framework,
                                   const ScInstrument *instrument)
{
  show_heading (self, instrument);

  for (guint i = 0; i < instrument->groups->len; i++)
    {
      const ScGroup *group = g_ptr_array_index (instrument->groups, i);
      GtkWidget *group_widget = group_new (group);

      for (guint j = 0; j < group->questions->len; j++)
        {
          GtkWidget *row = sc_question_row_new (framework,
                                                g_ptr_array_index (group->questions, j));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
          sc_search_index_add (self->index, row,
                               sc_question_row_get_search_text (SC_QUESTION_ROW (row)),
                               group_widget, NULL);
        }

      gtk_box_append (self->groups_box, group_widget);
    }
}

GtkWidget *
sc_instrument_view_new (const ScFramework  *framework,
                        const ScInstrument *instrument)
{
  ScInstrumentView *self = g_object_new (SC_TYPE_INSTRUMENT_VIEW, NULL);

  sc_instrument_view_set_instrument (self, framework, instrument);
  return GTK_WIDGET (self);
}

gboolean
sc_instrument_view_set_search (ScInstrumentView *self,
                               const char       *folded_query)
{
  gboolean any;

  g_return_val_if_fail (SC_IS_INSTRUMENT_VIEW (self), FALSE);

  any = sc_search_index_filter (self->index, folded_query);
  gtk_widget_set_visible (GTK_WIDGET (self), any);
  return any;
}

static void
sc_instrument_view_dispose (GObject *object)
{
  ScInstrumentView *self = SC_INSTRUMENT_VIEW (object);

  g_clear_pointer (&self->index, sc_search_index_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_INSTRUMENT_VIEW);

  G_OBJECT_CLASS (sc_instrument_view_parent_class)->dispose (object);
}

static void
sc_instrument_view_class_init (ScInstrumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_instrument_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-instrument-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentView, layout);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentView, help_label);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentView, groups_box);
}

static void
sc_instrument_view_init (ScInstrumentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->index = sc_search_index_new ();
}
