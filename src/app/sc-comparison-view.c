/* sc-comparison-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per question of the form: the two values as the suffix,
 * the kind of difference as an icon and a word (never colour alone), and
 * inside, for the moderator, the scale's levels or the question's choices as
 * radio rows, a rationale and a button. Free text is read, not compared, so
 * it has nothing to moderate.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-comparison-view.h"

struct _ScComparisonView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *readers;
  GtkWidget *content; /* replaced on each set_record () */
  ScInspectionContext *context;
  ScDoubleRecord *record;
};

G_DEFINE_FINAL_TYPE (ScComparisonView, sc_comparison_view, GTK_TYPE_WIDGET)

/* What one question row needs to moderate. */
typedef struct
{
  ScComparisonView *view;
  ScComparison *comparison;
  const ScQuestion *question;
  GtkWidget *row;
  GPtrArray *options;   /* GtkCheckButton*, parallel to values */
  GPtrArray *values;    /* char*, normalised */
  GtkWidget *entry;     /* for questions without a closed list of values */
  GtkWidget *rationale;
  GtkWidget *save;
} Question;

static void
question_free (Question *q)
{
  sc_comparison_free (q->comparison);
  g_ptr_array_unref (q->options);
  g_ptr_array_unref (q->values);
  g_free (q);
}

char *
sc_comparison_describe_value (ScFramework *framework,
                              const char  *question_id,
                              const char  *value)
{
  const ScQuestion *question = sc_framework_lookup_question (framework, question_id);
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) labels = NULL;

  if (value == NULL || *value == '\0')
    /* Translators: no answer was given */
    return g_strdup (_("—"));
  if (question == NULL)
    return g_strdup (value);
  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      for (guint i = 0; i < question->scale->levels->len; i++)
        {
          const ScLevel *level = g_ptr_array_index (question->scale->levels, i);
          g_autofree char *text = g_strdup_printf ("%d", level->value);

          if (g_str_equal (text, value))
            return g_strdup (sc_text_get (level->label));
        }
      return g_strdup (value);
    case SC_QUESTION_YESNO:
      return g_strdup (g_str_equal (value, "yes") ? _("Yes") : _("No"));
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      parts = g_strsplit (value, ",", -1);
      labels = g_ptr_array_new ();
      for (guint p = 0; parts[p] != NULL; p++)
        {
          const char *label = parts[p];

          for (guint i = 0; i < question->choices->choices->len; i++)
            {
              const ScChoice *choice = g_ptr_array_index (question->choices->choices, i);

              if (g_str_equal (choice->id, parts[p]))
                label = sc_text_get (choice->label);
            }
          g_ptr_array_add (labels, (gpointer) label);
        }
      g_ptr_array_add (labels, NULL);
      return g_strjoinv (", ", (char **) labels->pdata);
    case SC_QUESTION_TEXT:
    case SC_QUESTION_DATE:
    case SC_QUESTION_NUMBER:
    default:
      return g_strdup (value);
    }
}

static const char *
match_word (ScMatch match)
{
  switch (match)
    {
    case SC_MATCH_EXACT:
      return _("Same");
    case SC_MATCH_ADJACENT:
      return _("One level apart");
    case SC_MATCH_DISCREPANT:
      return _("Discrepant");
    case SC_MATCH_MISSING:
    default:
      return _("Answered once");
    }
}

static const char *
match_icon (ScMatch match)
{
  switch (match)
    {
    case SC_MATCH_EXACT:
      return "object-select-symbolic";
    case SC_MATCH_ADJACENT:
      return "dialog-information-symbolic";
    case SC_MATCH_DISCREPANT:
      return "dialog-warning-symbolic";
    case SC_MATCH_MISSING:
    default:
      return "action-unavailable-symbolic";
    }
}

static void
update_subtitle (Question *q)
{
  ScFramework *framework = q->view->context->framework;
  const ScComparison *c = q->comparison;
  g_autofree char *subtitle = NULL;

  if (c->moderated_value != NULL)
    {
      g_autofree char *agreed = sc_comparison_describe_value (framework, c->question,
                                                              c->moderated_value);

      /* Translators: "Discrepant · agreed: Good" */
      subtitle = g_strdup_printf (_("%s · agreed: %s"), match_word (c->match), agreed);
    }
  else
    subtitle = g_strdup (match_word (c->match));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (q->row), subtitle);
}

static char *
chosen_value (Question *q)
{
  if (q->entry != NULL)
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (q->entry))));
  for (guint i = 0; i < q->options->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (q->options, i)))
      return g_strdup (g_ptr_array_index (q->values, i));
  return NULL;
}

static void
update_save (Question *q)
{
  g_autofree char *value = chosen_value (q);
  g_autofree char *rationale = g_strstrip (
    g_strdup (gtk_editable_get_text (GTK_EDITABLE (q->rationale))));

  /* The store requires a rationale too; saying so here saves a round trip. */
  gtk_widget_set_sensitive (q->save, value != NULL && *value != '\0' && *rationale != '\0');
}

static void
save_cb (GtkButton *button,
         Question  *q)
{
  ScInspectionContext *context = q->view->context;
  g_autofree char *value = chosen_value (q);
  g_autofree char *rationale = g_strstrip (
    g_strdup (gtk_editable_get_text (GTK_EDITABLE (q->rationale))));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) again = NULL;

  if (context->store == NULL)
    return;
  if (!sc_store_moderate (context->store, q->comparison->record_id, q->comparison->question,
                          value, rationale, &error))
    {
      sc_inspection_toast (GTK_WIDGET (q->view), error->message);
      return;
    }
  /* Read back what the store normalised and kept. */
  again = sc_store_compare_inspection (context->store, context->inspection, &error);
  for (guint i = 0; again != NULL && i < again->len; i++)
    {
      ScComparison *c = g_ptr_array_index (again, i);

      if (g_str_equal (c->record_id, q->comparison->record_id) &&
          g_str_equal (c->question, q->comparison->question))
        {
          sc_comparison_free (q->comparison);
          q->comparison = g_ptr_array_steal_index (again, i);
          break;
        }
    }
  update_subtitle (q);
  gtk_widget_add_css_class (q->row, "sc-moderated");
  sc_inspection_toast (GTK_WIDGET (q->view), _("Agreed value saved"));
  g_signal_emit_by_name (q->view, "moderated");
}

static void
add_option (Question   *q,
            const char *value,
            const char *label,
            GtkWidget  *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (g_strcmp0 (value, q->comparison->moderated_value) == 0)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_save), q);
  g_ptr_array_add (q->options, check);
  g_ptr_array_add (q->values, g_strdup (value));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (q->row), row);
}

static void
add_options (Question *q)
{
  const ScQuestion *question = q->question;

  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      for (guint i = 0; i < question->scale->levels->len; i++)
        {
          const ScLevel *level = g_ptr_array_index (question->scale->levels, i);
          g_autofree char *value = g_strdup_printf ("%d", level->value);

          add_option (q, value, sc_text_get (level->label),
                      i > 0 ? g_ptr_array_index (q->options, 0) : NULL);
        }
      break;
    case SC_QUESTION_CHOICE:
      for (guint i = 0; i < question->choices->choices->len; i++)
        {
          const ScChoice *choice = g_ptr_array_index (question->choices->choices, i);

          add_option (q, choice->id, sc_text_get (choice->label),
                      i > 0 ? g_ptr_array_index (q->options, 0) : NULL);
        }
      break;
    case SC_QUESTION_YESNO:
      add_option (q, "yes", _("Yes"), NULL);
      add_option (q, "no", _("No"), g_ptr_array_index (q->options, 0));
      break;
    case SC_QUESTION_MULTI:
    case SC_QUESTION_DATE:
    case SC_QUESTION_NUMBER:
    case SC_QUESTION_TEXT:
    default:
      q->entry = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->entry),
                                     question->type == SC_QUESTION_DATE
                                       ? _("Agreed date (YYYY-MM-DD)")
                                     : question->type == SC_QUESTION_MULTI
                                       ? _("Agreed choices, separated by commas")
                                       : _("Agreed value"));
      if (q->comparison->moderated_value != NULL)
        gtk_editable_set_text (GTK_EDITABLE (q->entry), q->comparison->moderated_value);
      g_signal_connect_swapped (q->entry, "changed", G_CALLBACK (update_save), q);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (q->row), q->entry);
      break;
    }
}

static GtkWidget *
value_label (const char *text,
             const char *accessible)
{
  GtkWidget *label = gtk_label_new (text);

  /* Long values (several choices, free text) are cut after three lines so
   * the question keeps its room; the tooltip and the accessible label hold
   * the whole value. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_width_chars (GTK_LABEL (label), 7);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, "sc-reading-value");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return label;
}

static GtkWidget *
question_row (ScComparisonView *self,
              ScComparison     *comparison)
{
  ScFramework *framework = self->context->framework;
  Question *q = g_new0 (Question, 1);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (match_icon (comparison->match));
  g_autofree char *first = sc_comparison_describe_value (framework, comparison->question,
                                                         comparison->primary_value);
  g_autofree char *second = sc_comparison_describe_value (framework, comparison->question,
                                                          comparison->second_value);
  g_autofree char *first_a11y = g_strdup_printf (_("First reading: %s"), first);
  g_autofree char *second_a11y = g_strdup_printf (_("Second reading: %s"), second);
  GtkWidget *row;

  q->view = self;
  q->comparison = comparison;
  q->question = sc_framework_lookup_question (framework, comparison->question);
  q->options = g_ptr_array_new ();
  q->values = g_ptr_array_new_with_free_func (g_free);
  q->row = row = adw_expander_row_new ();
  g_object_set_data_full (G_OBJECT (row), "sc-question", q, (GDestroyNotify) question_free);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 q->question != NULL ? sc_text_get (q->question->text)
                                                     : comparison->question);
  gtk_box_set_homogeneous (GTK_BOX (values), TRUE);
  gtk_box_append (GTK_BOX (values), value_label (first, first_a11y));
  gtk_box_append (GTK_BOX (values), value_label (second, second_a11y));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), values);
  if (q->question == NULL || q->question->type == SC_QUESTION_TEXT)
    {
      /* Two texts always differ: they are read side by side, not judged. */
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "text-x-generic-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Free text"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Free text, read not compared"));
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
      return row;
    }
  gtk_widget_set_tooltip_text (icon, match_word (comparison->match));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  match_word (comparison->match), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  if (comparison->match == SC_MATCH_DISCREPANT)
    gtk_widget_add_css_class (row, "sc-discrepant");
  else if (comparison->match == SC_MATCH_ADJACENT)
    gtk_widget_add_css_class (row, "sc-adjacent");
  if (comparison->moderated_value != NULL)
    gtk_widget_add_css_class (row, "sc-moderated");
  update_subtitle (q);

  add_options (q);
  q->rationale = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->rationale),
                                 _("Why this value was agreed"));
  if (comparison->rationale != NULL)
    gtk_editable_set_text (GTK_EDITABLE (q->rationale), comparison->rationale);
  g_signal_connect_swapped (q->rationale, "changed", G_CALLBACK (update_save), q);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), q->rationale);

  q->save = gtk_button_new_with_mnemonic (_("_Save Agreed Value"));
  gtk_widget_add_css_class (q->save, "suggested-action");
  gtk_widget_set_halign (q->save, GTK_ALIGN_END);
  gtk_widget_set_margin_top (q->save, 6);
  gtk_widget_set_margin_bottom (q->save, 6);
  gtk_widget_set_margin_end (q->save, 12);
  g_signal_connect (q->save, "clicked", G_CALLBACK (save_cb), q);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), q->save);
  update_save (q);
  return row;
}

static const char *
describe_status (const char *status)
{
  if (status == NULL)
    return _("not started");
  if (g_str_equal (status, "submitted"))
    return _("submitted");
  if (g_str_equal (status, "reopened"))
    return _("reopened");
  return _("in progress");
}

static GtkWidget *
blind_page (ScComparisonView *self)
{
  ScInspectionContext *context = self->context;
  const ScDoubleRecord *r = self->record;
  GtkWidget *status = adw_status_page_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *states = NULL;
  g_autofree char *description = NULL;
  const char *reading = r->second_reading;

  /* Ask the store why, as the current user: the first reading is the one a
   * second reader would want to see, and the lead sees neither. */
  if (g_strcmp0 (r->primary_reader, context->owner) != 0 && r->primary_reading != NULL)
    reading = r->primary_reading;
  if (reading == NULL || sc_store_check_blind (context->store, reading, context->owner, &error))
    g_set_error_literal (&error, SC_STORE_ERROR, SC_STORE_ERROR_BLIND,
                         _("Double reading is blind: the other reading stays hidden until both "
                           "readings are submitted"));
  states = g_strdup_printf (_("First reading, by %s: %s. Second reading, by %s: %s."),
                            sc_inspection_context_member_name (context, r->primary_reader),
                            describe_status (r->primary_status),
                            sc_inspection_context_member_name (context, r->second_reader),
                            describe_status (r->second_status));
  description = g_strdup_printf ("%s.\n%s", error->message, states);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-conceal-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status),
                             _("Hidden Until Both Readings Are Submitted"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  return status;
}

static GtkWidget *
question_group (GtkWidget  *box,
                const char *title,
                const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (GTK_BOX (box), group);
  return list;
}

/* Differences first, where the moderator's work is; then the rest. */
static GtkWidget *
comparison_list (ScComparisonView *self)
{
  ScInspectionContext *context = self->context;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) comparisons = sc_store_compare_inspection (context->store,
                                                                   context->inspection, &error);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *differences = question_group (
    box, _("Differences"), _("Open a question to record the agreed value and why."));
  GtkWidget *others = question_group (box, _("Other Questions"),
                                      _("The same in both readings, or free text."));
  guint n_differences = 0, n_others = 0;

  if (comparisons == NULL)
    {
      sc_inspection_toast (GTK_WIDGET (self), error->message);
      return box;
    }
  for (guint i = 0; i < comparisons->len; i++)
    {
      ScComparison *c = g_ptr_array_index (comparisons, i);
      const ScQuestion *q = sc_framework_lookup_question (context->framework, c->question);
      gboolean differs = c->match != SC_MATCH_EXACT && q != NULL && q->type != SC_QUESTION_TEXT &&
                         (c->primary_value != NULL || c->second_value != NULL);

      if (!g_str_equal (c->record_id, self->record->record_id))
        continue;
      gtk_list_box_append (GTK_LIST_BOX (differs ? differences : others),
                           question_row (self, g_ptr_array_steal_index (comparisons, i--)));
      if (differs)
        n_differences++;
      else
        n_others++;
    }
  gtk_widget_set_visible (gtk_widget_get_ancestor (differences, ADW_TYPE_PREFERENCES_GROUP),
                          n_differences > 0);
  gtk_widget_set_visible (gtk_widget_get_ancestor (others, ADW_TYPE_PREFERENCES_GROUP),
                          n_others > 0);
  return box;
}

void
sc_comparison_view_set_record (ScComparisonView     *self,
                               const ScDoubleRecord *record)
{
  ScInspectionContext *context;
  g_autofree char *readers = NULL;

  g_return_if_fail (SC_IS_COMPARISON_VIEW (self));

  context = self->context;
  g_clear_pointer (&self->record, sc_double_record_free);
  self->record = g_new0 (ScDoubleRecord, 1);
  *self->record = (ScDoubleRecord) {
    g_strdup (record->record_id), g_strdup (record->record_ref),
    g_strdup (record->primary_reader), g_strdup (record->second_reader),
    g_strdup (record->primary_reading), g_strdup (record->second_reading),
    g_strdup (record->primary_status), g_strdup (record->second_status),
    record->both_submitted,
  };
  gtk_label_set_label (GTK_LABEL (self->title), record->record_ref);
  /* Translators: the two columns of values, first reader then second */
  readers = g_strdup_printf (_("Left: the first reading, by %s. Right: the second, by %s."),
                             sc_inspection_context_member_name (context, record->primary_reader),
                             sc_inspection_context_member_name (context, record->second_reader));
  gtk_label_set_label (GTK_LABEL (self->readers), readers);
  gtk_widget_set_visible (self->readers, record->both_submitted);
  if (self->content != NULL)
    gtk_box_remove (GTK_BOX (self->box), self->content);
  if (context->store == NULL)
    self->content = NULL;
  else if (record->both_submitted)
    self->content = comparison_list (self);
  else
    self->content = blind_page (self);
  if (self->content != NULL)
    gtk_box_append (GTK_BOX (self->box), self->content);
}

const char *
sc_comparison_view_get_ref (ScComparisonView *self)
{
  g_return_val_if_fail (SC_IS_COMPARISON_VIEW (self), NULL);

  return self->record != NULL ? self->record->record_ref : NULL;
}

static void
sc_comparison_view_dispose (GObject *object)
{
  ScComparisonView *self = SC_COMPARISON_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->content = NULL;
  G_OBJECT_CLASS (sc_comparison_view_parent_class)->dispose (object);
}

static void
sc_comparison_view_finalize (GObject *object)
{
  ScComparisonView *self = SC_COMPARISON_VIEW (object);

  g_clear_pointer (&self->record, sc_double_record_free);
  g_clear_pointer (&self->context, sc_inspection_context_unref);
  G_OBJECT_CLASS (sc_comparison_view_parent_class)->finalize (object);
}

static void
sc_comparison_view_class_init (ScComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_comparison_view_dispose;
  object_class->finalize = sc_comparison_view_finalize;
  /* A question's agreed value was saved. */
  g_signal_new ("moderated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-comparison-view");
}

static void
sc_comparison_view_init (ScComparisonView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "title-2");
  gtk_box_append (GTK_BOX (self->box), self->title);
  self->readers = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->readers), 0);
  gtk_label_set_wrap (GTK_LABEL (self->readers), TRUE);
  gtk_widget_add_css_class (self->readers, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->readers);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sc_comparison_view_new (ScInspectionContext *context)
{
  ScComparisonView *self = g_object_new (SC_TYPE_COMPARISON_VIEW, NULL);

  self->context = sc_inspection_context_ref (context);
  return GTK_WIDGET (self);
}
