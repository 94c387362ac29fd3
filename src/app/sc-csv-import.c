/* sc-csv-import.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sc-csv-import.h"
#include "sc-lint.h"

#define N_COLUMNS 4
static const char * const columns[N_COLUMNS] = { "ref", "cohorts", "age_band", "legal_status" };

void
sc_csv_record_free (ScCsvRecord *record)
{
  g_free (record->ref);
  g_strfreev (record->cohorts);
  g_free (record->age_band);
  g_free (record->legal_status);
  g_free (record);
}

void
sc_csv_problem_free (ScCsvProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void G_GNUC_PRINTF (3, 4)
problem (GPtrArray  *problems,
         guint       line,
         const char *format,
         ...)
{
  ScCsvProblem *p = g_new0 (ScCsvProblem, 1);
  va_list args;

  va_start (args, format);
  p->line = line;
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, p);
}

/* Reads one record (which may span lines inside quotes) from *P, moving it
 * on; LINE counts the lines read. Returns the fields, or NULL at the end. */
static GPtrArray *
read_fields (const char **p,
             const char  *end,
             guint       *line,
             gboolean    *bad_quote)
{
  GPtrArray *fields;
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  *bad_quote = FALSE;
  if (*p >= end)
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  fields = g_ptr_array_new_with_free_func (g_free);
  (*line)++;
  while (*p < end)
    {
      char c = **p;

      (*p)++;
      if (quoted)
        {
          if (c == '"' && *p < end && **p == '"')
            {
              g_string_append_c (field, '"');
              (*p)++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                (*line)++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0)
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (c == '\n')
        break;
      else if (c != '\r')
        g_string_append_c (field, c);
    }
  if (quoted)
    *bad_quote = TRUE;
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

static gboolean
is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*g_strstrip ((char *) g_ptr_array_index (fields, i)) != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
check_header (GPtrArray *fields,
              GPtrArray *problems)
{
  g_autoptr (GString) got = g_string_new (NULL);
  gboolean ok = fields->len == N_COLUMNS;

  for (guint i = 0; i < fields->len; i++)
    {
      char *name = g_strstrip ((char *) g_ptr_array_index (fields, i));

      g_string_append_printf (got, "%s%s", i > 0 ? "," : "", name);
      if (i < N_COLUMNS && g_ascii_strcasecmp (name, columns[i]) != 0)
        ok = FALSE;
    }
  if (!ok)
    problem (problems, 1, _("the first line must be “ref,cohorts,age_band,legal_status”, not “%s”"),
             got->str);
  return ok;
}

static char *
optional (const char *text)
{
  return *text != '\0' ? g_strdup (text) : NULL;
}

static GStrv
split_cohorts (const char *text)
{
  g_auto (GStrv) parts = g_regex_split_simple ("[;,|\\s]+", text, 0, 0);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static ScCsvRecord *
parse_record (GPtrArray  *fields,
              guint       line,
              GHashTable *seen,
              GHashTable *existing,
              GPtrArray  *problems)
{
  g_autoptr (ScCsvRecord) record = g_new0 (ScCsvRecord, 1);
  g_autoptr (GPtrArray) findings = NULL;
  const char *ref;

  if (fields->len != N_COLUMNS)
    {
      problem (problems, line, _("expected 4 fields (ref, cohorts, age band, legal status), found %u"),
               fields->len);
      return NULL;
    }
  for (guint i = 0; i < fields->len; i++)
    g_strstrip ((char *) g_ptr_array_index (fields, i));

  ref = g_ptr_array_index (fields, 0);
  if (*ref == '\0')
    {
      problem (problems, line, _("the reference is empty"));
      return NULL;
    }
  findings = sc_lint_check (ref, -1);
  if (findings->len > 0)
    {
      problem (problems, line, _("“%s” looks like it could identify someone; use a pseudonymous reference"),
               ref);
      return NULL;
    }
  if (existing != NULL && g_hash_table_contains (existing, ref))
    {
      problem (problems, line, _("%s is already a record of this inspection"), ref);
      return NULL;
    }
  if (g_hash_table_contains (seen, ref))
    {
      problem (problems, line, _("%s comes twice; it was first on line %u"), ref,
               GPOINTER_TO_UINT (g_hash_table_lookup (seen, ref)));
      return NULL;
    }
  g_hash_table_insert (seen, g_strdup (ref), GUINT_TO_POINTER (line));

  record->line = line;
  record->ref = g_strdup (ref);
  record->cohorts = split_cohorts (g_ptr_array_index (fields, 1));
  record->age_band = optional (g_ptr_array_index (fields, 2));
  record->legal_status = optional (g_ptr_array_index (fields, 3));
  return g_steal_pointer (&record);
}

GPtrArray *
sc_csv_import_parse (const char *data,
                     gsize       length,
                     GHashTable *existing,
                     GPtrArray **problems)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_csv_record_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = data, *end = data + length;
  guint line = 0;
  gboolean header_done = FALSE;

  *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_csv_problem_free);

  if (!g_utf8_validate (data, length, NULL))
    {
      problem (*problems, 0, _("the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8"));
      return g_steal_pointer (&records);
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (TRUE)
    {
      guint first_line = line + 1;
      gboolean bad_quote;
      g_autoptr (GPtrArray) fields = read_fields (&p, end, &line, &bad_quote);
      ScCsvRecord *record;

      if (fields == NULL)
        break;
      if (bad_quote)
        {
          problem (*problems, first_line, _("a quotation mark is opened and never closed"));
          break;
        }
      if (!header_done)
        {
          header_done = TRUE;
          if (!check_header (fields, *problems))
            break;
          continue;
        }
      if (is_blank (fields))
        continue;
      record = parse_record (fields, first_line, seen, existing, *problems);
      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  if (!header_done)
    problem (*problems, 0, _("the file is empty"));
  else if (records->len == 0 && (*problems)->len == 0)
    problem (*problems, 0, _("the file has a header but no records"));
  return g_steal_pointer (&records);
}

char *
sc_csv_import_describe_problems (GPtrArray *problems,
                                 guint      max_lines)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < max_lines; i++)
    {
      ScCsvProblem *p = g_ptr_array_index (problems, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (p->line > 0)
        /* Translators: a problem in a CSV file and the line it is on */
        g_string_append_printf (text, _("Line %u: %s"), p->line, p->message);
      else
        g_string_append (text, p->message);
    }
  if (problems->len > max_lines)
    {
      guint more = problems->len - max_lines;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "…and %u more problem",
                                                 "…and %u more problems", more),
                              more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
