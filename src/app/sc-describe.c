/* sc-describe.c: framework parts in words a reader understands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-describe.h"

/* Long question texts are cut to this many characters inside a phrase. */
#define SHORT_TEXT_CHARS 60

const char *
sc_describe_indicator_kind (ScIndicatorKind kind)
{
  switch (kind)
    {
    case SC_INDICATOR_KIND_KEY_JUDGEMENT:
      return _("Key judgement");
    case SC_INDICATOR_KIND_GRADED:
      return _("Graded judgement");
    case SC_INDICATOR_KIND_OVERALL:
      return _("Overall judgement");
    case SC_INDICATOR_KIND_INDICATOR:
    default:
      return NULL;
    }
}

const char *
sc_describe_instrument_kind (ScInstrumentKind kind)
{
  switch (kind)
    {
    case SC_INSTRUMENT_KIND_FOCUS_GROUP:
      return _("Focus group");
    case SC_INSTRUMENT_KIND_RECORD:
    default:
      return _("Record reading");
    }
}

const char *
sc_describe_question_type (ScQuestionType type)
{
  switch (type)
    {
    case SC_QUESTION_SCALE:
      return _("Scale");
    case SC_QUESTION_CHOICE:
      return _("Single choice");
    case SC_QUESTION_MULTI:
      return _("Multiple choice");
    case SC_QUESTION_YESNO:
      return _("Yes or no");
    case SC_QUESTION_DATE:
      return _("Date");
    case SC_QUESTION_NUMBER:
      return _("Number");
    case SC_QUESTION_TEXT:
    default:
      return _("Free text");
    }
}

char *
sc_describe_level (const ScScale *scale,
                   int            value)
{
  if (scale != NULL)
    {
      for (guint i = 0; i < scale->levels->len; i++)
        {
          const ScLevel *level = g_ptr_array_index (scale->levels, i);

          if (level->value == value)
            return g_strdup (sc_text_get (level->label));
        }
    }

  return g_strdup_printf ("%d", value);
}

char *
sc_describe_indicator (const ScIndicator *indicator)
{
  return g_strdup_printf ("%s %s", indicator->id, sc_text_get (indicator->title));
}

static char *
describe_number (const ScQuestion *question)
{
  if (question->has_min && question->has_max)
    return g_strdup_printf (_("Number from %g to %g"), question->min, question->max);
  if (question->has_min)
    return g_strdup_printf (_("Number, at least %g"), question->min);
  if (question->has_max)
    return g_strdup_printf (_("Number, at most %g"), question->max);
  return g_strdup (_("Number"));
}

static char *
describe_choices (const ScQuestion *question)
{
  g_autoptr (GString) labels = g_string_new (NULL);
  GPtrArray *choices;

  if (question->choices == NULL)
    return g_strdup (sc_describe_question_type (question->type));

  choices = question->choices->choices;
  if (choices->len > SC_DESCRIBE_MAX_CHOICES)
    /* Translators: the kind of question, then how many answers it offers,
     * e.g. "Single choice, 7 options" */
    return g_strdup_printf (ngettext ("%s, %u option", "%s, %u options", choices->len),
                            sc_describe_question_type (question->type), choices->len);

  for (guint i = 0; i < choices->len; i++)
    {
      const ScChoice *choice = g_ptr_array_index (choices, i);

      if (i > 0)
        g_string_append (labels, _(", "));
      g_string_append (labels, sc_text_get (choice->label));
    }

  /* Translators: the kind of question, then its choices, e.g. "Single choice: Yes, No" */
  return g_strdup_printf (_("%s: %s"), sc_describe_question_type (question->type), labels->str);
}

char *
sc_describe_answer (const ScQuestion *question)
{
  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      if (question->scale != NULL)
        /* Translators: %s is the name of a scale, e.g. "Six-point scale" */
        return g_strdup_printf (_("Scale: %s"), sc_text_get (question->scale->title));
      return g_strdup (_("Scale"));
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      return describe_choices (question);
    case SC_QUESTION_NUMBER:
      return describe_number (question);
    case SC_QUESTION_YESNO:
    case SC_QUESTION_TEXT:
    case SC_QUESTION_DATE:
    default:
      return g_strdup (sc_describe_question_type (question->type));
    }
}

char *
sc_describe_rule (const ScRule *rule)
{
  g_autoptr (GString) ids = g_string_new (NULL);
  g_autofree char *at = NULL;
  g_autofree char *cap = NULL;
  const ScScale *when_scale = NULL;
  const char *target;

  for (guint i = 0; i < rule->when_any->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (rule->when_any, i);

      if (i > 0)
        g_string_append (ids, _(", "));
      g_string_append (ids, indicator->id);
      if (when_scale == NULL)
        when_scale = indicator->scale;
    }

  at = sc_describe_level (when_scale, rule->at_or_below);
  cap = sc_describe_level (rule->target->scale, rule->cap);
  target = sc_text_get (rule->target->title);

  if (rule->when_any->len == 1)
    /* Translators: e.g. "If KJ1 is at or below Inadequate, Overall effectiveness
     * is capped at Inadequate." */
    return g_strdup_printf (_("If %s is at or below %s, %s is capped at %s."),
                            ids->str, at, target, cap);

  /* Translators: e.g. "If any of KJ1, KJ2, KJ3 is at or below Inadequate,
   * Overall effectiveness is capped at Inadequate." */
  return g_strdup_printf (_("If any of %s is at or below %s, %s is capped at %s."),
                          ids->str, at, target, cap);
}

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= SHORT_TEXT_CHARS)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, SHORT_TEXT_CHARS - 1);
  return g_strconcat (g_strchomp (start), "…", NULL);
}

static const char *
value_label (const ScQuestion *question,
             const char       *value)
{
  if (question->choices != NULL)
    {
      const ScChoice *choice = sc_choice_list_lookup (question->choices, value);

      if (choice != NULL)
        return sc_text_get (choice->label);
    }
  else if (question->scale != NULL)
    {
      const ScLevel *level = sc_scale_lookup_level (question->scale, value);

      if (level != NULL)
        return sc_text_get (level->label);
    }
  else if (question->type == SC_QUESTION_YESNO)
    {
      if (g_str_equal (value, "yes") || g_str_equal (value, "true"))
        return _("Yes");
      if (g_str_equal (value, "no") || g_str_equal (value, "false"))
        return _("No");
    }

  return value;
}

char *
sc_describe_condition (const ScFramework *framework,
                       const ScCondition *condition)
{
  const ScQuestion *question;
  g_autofree char *text = NULL;

  question = sc_framework_lookup_question (framework, condition->question_id);
  if (question == NULL)
    /* Translators: a question id and the answer it must have, e.g. "Q3 is “yes”" */
    return g_strdup_printf (_("%s is “%s”"), condition->question_id, condition->equals);

  text = shorten (sc_text_get (question->text));
  /* Translators: a question id, its text, and the answer it must have,
   * e.g. "Q3 (Is there a plan?) is “Yes”" */
  return g_strdup_printf (_("%s (%s) is “%s”"), question->id, text,
                          value_label (question, condition->equals));
}
