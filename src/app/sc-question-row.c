/* sc-question-row.c: one question of an instrument, with its details on expanding
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-describe.h"
#include "sc-question-row.h"
#include "sc-search.h"

struct _ScQuestionRow
{
  AdwExpanderRow parent_instance;

  GtkLabel *required_badge;
  GtkLabel *id_label;
  GtkLabel *help_label;
  GtkBox   *choices_box;
  GtkBox   *indicators_box;
  GtkBox   *conditions_box;

  char *search_text;
};

G_DEFINE_FINAL_TYPE (ScQuestionRow, sc_question_row, ADW_TYPE_EXPANDER_ROW)

static void
add_bullet (GtkBox     *box,
            const char *text)
{
  g_autofree char *bullet = g_strdup_printf ("•  %s", text);
  GtkWidget *label = gtk_label_new (bullet);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (box, label);
}

static void
show_subtitle (ScQuestionRow    *self,
               const ScQuestion *question,
               const char       *answer)
{
  g_autofree char *subtitle = NULL;

  if (question->conditions->len == 0)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), answer);
      return;
    }

  /* Translators: how a question is answered, then a note that it is not always asked */
  subtitle = g_strdup_printf (_("%s · conditional"), answer);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
show_help (ScQuestionRow    *self,
           const ScQuestion *question,
           GString          *search)
{
  const char *help;

  if (question->help == NULL)
    return;

  help = sc_text_get (question->help);
  gtk_label_set_label (self->help_label, help);
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
  g_string_append_printf (search, "\n%s", help);
}

/* Short lists are already in the subtitle. */
static void
show_choices (ScQuestionRow    *self,
              const ScQuestion *question,
              GString          *search)
{
  GPtrArray *choices;

  if (question->choices == NULL || question->choices->choices->len <= SC_DESCRIBE_MAX_CHOICES)
    return;

  choices = question->choices->choices;
  for (guint i = 0; i < choices->len; i++)
    {
      const char *label = sc_text_get (((ScChoice *) g_ptr_array_index (choices, i))->label);

      add_bullet (self->choices_box, label);
      g_string_append_printf (search, "\n%s", label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->choices_box), TRUE);
}

static void
show_indicators (ScQuestionRow    *self,
                 const ScQuestion *question,
                 GString          *search)
{
  for (guint i = 0; i < question->indicators->len; i++)
    {
      g_autofree char *indicator = sc_describe_indicator (g_ptr_array_index (question->indicators,
                                                                             i));

      add_bullet (self->indicators_box, indicator);
      g_string_append_printf (search, "\n%s", indicator);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->indicators_box), question->indicators->len > 0);
}

static void
show_conditions (ScQuestionRow     *self,
                 const ScFramework *framework,
                 const ScQuestion  *question)
{
  for (guint i = 0; i < question->conditions->len; i++)
    {
      g_autofree char *condition = NULL;

      condition = sc_describe_condition (framework, g_ptr_array_index (question->conditions, i));
      add_bullet (self->conditions_box, condition);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->conditions_box), question->conditions->len > 0);
}

static void
sc_question_row_set_question (ScQuestionRow     *self,
                              const ScFramework *framework,
                              const ScQuestion  *question)
{
  g_autoptr (GString) search = g_string_new (NULL);
  g_autofree char *answer = sc_describe_answer (question);
  g_autofree char *id = NULL;
  const char *text = sc_text_get (question->text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);
  show_subtitle (self, question, answer);
  gtk_widget_set_visible (GTK_WIDGET (self->required_badge), question->required);

  /* Translators: %s is the id other parts of the framework use for a question */
  id = g_strdup_printf (_("Question %s"), question->id);
  gtk_label_set_label (self->id_label, id);
  g_string_append_printf (search, "%s\n%s\n%s", question->id, text, answer);

  show_help (self, question, search);
  show_choices (self, question, search);
  show_indicators (self, question, search);
  show_conditions (self, framework, question);

  self->search_text = sc_search_fold (search->str);
}

GtkWidget *
sc_question_row_new (const ScFramework *framework,
                     const ScQuestion  *question)
{
  ScQuestionRow *self = g_object_new (SC_TYPE_QUESTION_ROW, NULL);

  sc_question_row_set_question (self, framework, question);
  return GTK_WIDGET (self);
}

const char *
sc_question_row_get_search_text (ScQuestionRow *self)
{
  g_return_val_if_fail (SC_IS_QUESTION_ROW (self), "");

  return self->search_text;
}

static void
sc_question_row_finalize (GObject *object)
{
  ScQuestionRow *self = SC_QUESTION_ROW (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (sc_question_row_parent_class)->finalize (object);
}

static void
sc_question_row_class_init (ScQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sc_question_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, required_badge);
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, choices_box);
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, indicators_box);
  gtk_widget_class_bind_template_child (widget_class, ScQuestionRow, conditions_box);
}

static void
sc_question_row_init (ScQuestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
