/* sc-evaluations-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per indicator of the framework, showing the level and rationale the
 * current user proposed earlier; changes are saved as they are made.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-evaluation-row.h"
#include "sc-evaluations-view.h"
#include "sc-evidence.h"
#include "sc-reading-form.h"
#include "sc-store-field.h"

struct _ScEvaluationsView
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkWidget *list;
  GtkWidget *status_label;
  ScInspectionContext *context;
  GPtrArray *rows;           /* ScEvaluationRow*, borrowed */
  GHashTable *pending;       /* ScEvaluationRow* changed since the last save */
  guint save_source;
  ScEvidenceGatherer *gatherer;
};

G_DEFINE_FINAL_TYPE (ScEvaluationsView, sc_evaluations_view, GTK_TYPE_WIDGET)

static void
save_now (ScEvaluationsView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->context->store == NULL)
    return;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ScEvaluationRow *row = key;
      g_autofree char *rationale = sc_evaluation_row_get_rationale (row);
      g_autoptr (GError) error = NULL;

      if (!sc_store_set_evaluation (self->context->store, self->context->inspection,
                                    sc_evaluation_row_get_indicator (row)->id,
                                    sc_evaluation_row_get_level (row), rationale, &error))
        {
          g_warning ("Could not save the evaluation: %s", error->message);
          sc_evaluation_row_set_saved (row, _("Not saved"));
          continue;
        }
      sc_evaluation_row_set_saved (row, _("Saved"));
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
save_cb (gpointer data)
{
  ScEvaluationsView *self = data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
row_changed_cb (ScEvaluationRow   *row,
                ScEvaluationsView *self)
{
  g_hash_table_add (self->pending, row);
  sc_evaluation_row_set_saved (row, _("Saving…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SC_READING_FORM_SAVE_DELAY_MS, save_cb, self);
}

static gboolean
gathered_cb (gpointer data)
{
  ScEvaluationsView *self = data;

  for (guint i = 0; i < self->rows->len; i++)
    {
      ScEvaluationRow *row = g_ptr_array_index (self->rows, i);
      const char *id = sc_evaluation_row_get_indicator (row)->id;

      sc_evaluation_row_set_evidence (row, sc_evidence_gatherer_lookup (self->gatherer, id),
                                      TRUE);
    }
  gtk_label_set_label (GTK_LABEL (self->status_label),
                       _("Evidence from every reading of this inspection, and from the notes of "
                         "its focus groups."));
  return G_SOURCE_REMOVE;
}

void
sc_evaluations_view_refresh (ScEvaluationsView *self)
{
  g_return_if_fail (SC_IS_EVALUATIONS_VIEW (self));

  if (self->context->store == NULL)
    return;
  g_clear_pointer (&self->gatherer, sc_evidence_gatherer_free);
  for (guint i = 0; i < self->rows->len; i++)
    sc_evaluation_row_set_evidence (g_ptr_array_index (self->rows, i), NULL, FALSE);
  self->gatherer = sc_evidence_gatherer_new (self->context, gathered_cb, self);
}

static void
map_cb (ScEvaluationsView *self)
{
  /* Gathered each time the view is shown, so new readings and notes count. */
  sc_evaluations_view_refresh (self);
}

void
sc_evaluations_view_flush (ScEvaluationsView *self)
{
  g_return_if_fail (SC_IS_EVALUATIONS_VIEW (self));

  save_now (self);
  g_clear_pointer (&self->gatherer, sc_evidence_gatherer_free);
}

char *
sc_evaluations_view_save_state (ScEvaluationsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, SC_TYPE_EVALUATION_ROW) : NULL;

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self)))
    return g_strdup ("");
  return g_strdup (sc_evaluation_row_get_indicator (SC_EVALUATION_ROW (row))->id);
}

void
sc_evaluations_view_restore_state (ScEvaluationsView *self,
                                   const char        *state)
{
  for (guint i = 0; state != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (sc_evaluation_row_get_indicator (SC_EVALUATION_ROW (row))->id, state))
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
    }
}

static void
build (ScEvaluationsView *self)
{
  GPtrArray *indicators = sc_framework_get_indicators (self->context->framework);

  for (guint i = 0; i < indicators->len; i++)
    {
      GtkWidget *row = sc_evaluation_row_new (g_ptr_array_index (indicators, i));

      gtk_widget_add_css_class (row, "card");
      g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
      gtk_box_append (GTK_BOX (self->list), row);
      g_ptr_array_add (self->rows, row);
    }
}

/* What the current user proposed before, back in the rows. */
static void
load_saved (ScEvaluationsView *self)
{
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GHashTable) by_indicator = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;

  if (self->context->store == NULL)
    return;
  saved = sc_store_list_evaluations (self->context->store, self->context->inspection,
                                     self->context->owner, &error);
  if (saved == NULL)
    {
      g_warning ("Could not read the evaluations: %s", error->message);
      return;
    }
  for (guint i = 0; i < saved->len; i++)
    {
      ScEvaluation *evaluation = g_ptr_array_index (saved, i);

      g_hash_table_insert (by_indicator, evaluation->indicator, evaluation);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      ScEvaluationRow *row = g_ptr_array_index (self->rows, i);
      ScEvaluation *evaluation = g_hash_table_lookup (by_indicator,
                                                      sc_evaluation_row_get_indicator (row)->id);

      if (evaluation != NULL)
        sc_evaluation_row_set_evaluation (row, evaluation->level, evaluation->rationale);
    }
}

static void
sc_evaluations_view_dispose (GObject *object)
{
  ScEvaluationsView *self = SC_EVALUATIONS_VIEW (object);

  if (self->context != NULL)
    sc_evaluations_view_flush (self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_evaluations_view_parent_class)->dispose (object);
}

static void
sc_evaluations_view_finalize (GObject *object)
{
  ScEvaluationsView *self = SC_EVALUATIONS_VIEW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->pending);
  G_OBJECT_CLASS (sc_evaluations_view_parent_class)->finalize (object);
}

static void
sc_evaluations_view_class_init (ScEvaluationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_evaluations_view_dispose;
  object_class->finalize = sc_evaluations_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_evaluations_view_init (ScEvaluationsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->rows = g_ptr_array_new ();
  self->pending = g_hash_table_new (NULL, NULL);

  self->status_label = gtk_label_new (_("Gathering the evidence…"));
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_add_css_class (self->status_label, "dim-label");
  gtk_box_append (GTK_BOX (content), self->status_label);
  self->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (content), self->list);
  gtk_widget_add_css_class (content, "sc-page-content");

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
sc_evaluations_view_new (ScInspectionContext *context)
{
  ScEvaluationsView *self = g_object_new (SC_TYPE_EVALUATIONS_VIEW, NULL);

  self->context = sc_inspection_context_ref (context);
  build (self);
  load_saved (self);
  return GTK_WIDGET (self);
}
