/* sc-answer.c: what an answer may be, and which questions need one
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-answer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc-store.h"

static gboolean
invalid (GError          **error,
         const ScQuestion *question,
         const char       *hint)
{
  g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID, _("Question %s: %s"),
               question->id, hint);
  return FALSE;
}

static char *
normalise_scale (const ScQuestion *question,
                 const char       *value,
                 GError          **error)
{
  const ScLevel *level = sc_scale_lookup_level (question->scale, value);
  g_autoptr (GString) known = g_string_new (NULL);

  if (level != NULL)
    return g_strdup_printf ("%d", level->value);
  for (guint i = 0; i < question->scale->levels->len; i++)
    {
      const ScLevel *l = g_ptr_array_index (question->scale->levels, i);

      g_string_append_printf (known, "%s%d (%s)", i > 0 ? ", " : "", l->value, l->id);
    }
  {
    g_autofree char *hint = g_strdup_printf (_("“%s” is not a level of the scale; use one of %s"),
                                             value, known->str);
    invalid (error, question, hint);
  }
  return NULL;
}

static char *
choice_hint (const ScQuestion *question,
             const char       *value)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (guint i = 0; i < question->choices->choices->len; i++)
    {
      const ScChoice *c = g_ptr_array_index (question->choices->choices, i);

      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", c->id);
    }
  return g_strdup_printf (_("“%s” is not one of the choices: %s"), value, known->str);
}

static char *
normalise_choices (const ScQuestion *question,
                   const char       *value,
                   GError          **error)
{
  g_auto (GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GHashTable) picked = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *id = g_strstrip (parts[i]);

      if (*id == '\0')
        continue;
      if (sc_choice_list_lookup (question->choices, id) == NULL)
        {
          g_autofree char *hint = choice_hint (question, id);

          invalid (error, question, hint);
          return NULL;
        }
      g_hash_table_add (picked, id);
      n++;
    }
  if (question->type == SC_QUESTION_CHOICE && n > 1)
    {
      invalid (error, question, _("only one choice may be given"));
      return NULL;
    }
  /* List order, so the same set always reads the same. */
  for (guint i = 0; i < question->choices->choices->len; i++)
    {
      const ScChoice *c = g_ptr_array_index (question->choices->choices, i);

      if (g_hash_table_contains (picked, c->id))
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", c->id);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
normalise_date (const ScQuestion *question,
                const char       *value,
                GError          **error)
{
  int y, m, d;
  char tail;

  if (strlen (value) != 10 || sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      invalid (error, question, _("write the date as YYYY-MM-DD, for example 2026-03-14"));
      return NULL;
    }
  return g_strdup (value);
}

static char *
normalise_number (const ScQuestion *question,
                  const char       *value,
                  GError          **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (number))
    {
      invalid (error, question, _("write a number, for example 3 or 2.5"));
      return NULL;
    }
  if ((question->has_min && number < question->min) ||
      (question->has_max && number > question->max))
    {
      g_autofree char *hint = NULL;

      if (question->has_min && question->has_max)
        hint = g_strdup_printf (_("the number must be between %g and %g"), question->min,
                                question->max);
      else if (question->has_min)
        hint = g_strdup_printf (_("the number must be at least %g"), question->min);
      else
        hint = g_strdup_printf (_("the number must be at most %g"), question->max);
      invalid (error, question, hint);
      return NULL;
    }
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
}

char *
sc_answer_normalise (const ScQuestion *question,
                     const char       *value,
                     GError          **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (*trimmed == '\0')
    return NULL;
  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      invalid (error, question, _("the answer is not valid UTF-8 text"));
      return NULL;
    }

  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      return normalise_scale (question, trimmed, error);
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      return normalise_choices (question, trimmed, error);
    case SC_QUESTION_YESNO:
      if (g_ascii_strcasecmp (trimmed, "yes") == 0)
        return g_strdup ("yes");
      if (g_ascii_strcasecmp (trimmed, "no") == 0)
        return g_strdup ("no");
      invalid (error, question, _("answer yes or no"));
      return NULL;
    case SC_QUESTION_DATE:
      return normalise_date (question, trimmed, error);
    case SC_QUESTION_NUMBER:
      return normalise_number (question, trimmed, error);
    case SC_QUESTION_TEXT:
    default:
      return g_strdup (value);
    }
}

static gboolean
condition_holds (const ScQuestion  *target,
                 const ScCondition *condition,
                 const char        *value)
{
  if (value == NULL)
    return FALSE;
  if (target->type == SC_QUESTION_SCALE && target->scale != NULL)
    {
      const ScLevel *level = sc_scale_lookup_level (target->scale, condition->equals);

      return level != NULL && atoi (value) == level->value;
    }
  if (target->type == SC_QUESTION_MULTI)
    {
      g_auto (GStrv) ticked = g_strsplit (value, ",", -1);

      return g_strv_contains ((const char * const *) ticked, condition->equals);
    }
  return g_str_equal (value, condition->equals);
}

gboolean
sc_question_is_visible (const ScFramework *framework,
                        const ScQuestion  *question,
                        GHashTable        *values)
{
  /* The loader refuses cycles, so this recursion ends. */
  for (guint i = 0; i < question->conditions->len; i++)
    {
      const ScCondition *condition = g_ptr_array_index (question->conditions, i);
      const ScQuestion *target = sc_framework_lookup_question (framework,
                                                               condition->question_id);

      if (target == NULL || !sc_question_is_visible (framework, target, values) ||
          !condition_holds (target, condition, g_hash_table_lookup (values, target->id)))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
sc_instrument_missing_answers (const ScFramework  *framework,
                               const ScInstrument *instrument,
                               GHashTable         *values)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint g = 0; g < instrument->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (instrument->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);

          if (question->required && g_hash_table_lookup (values, question->id) == NULL &&
              sc_question_is_visible (framework, question, values))
            g_ptr_array_add (missing, (gpointer) question);
        }
    }
  return missing;
}
