/* sc-agreement-csv.c: ratings from CSV with the header unit,reader,value
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 with the leniencies people's spreadsheets need: a UTF-8 byte
 * order mark, CRLF or LF line ends, spaces and tabs around a field, blank
 * lines. A quoted field may hold commas, doubled quotes and line breaks;
 * what is inside the quotes is kept as it is. Errors stop at the first
 * problem and name the line where its record starts.
 */
#include "sc-agreement-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define N_COLUMNS 3

typedef struct
{
  const char *filename;
  const char *p;
  const char *end;
  guint line;        /* the line P is on */
  guint record_line; /* the line the current record starts on */
  GString *fields[N_COLUMNS + 1]; /* the last one takes any extra fields */
  guint n_fields;
} Csv;

typedef enum
{
  RECORD_READ,
  RECORD_NONE,
  RECORD_FAILED,
} RecordStatus;

static gboolean
fail (Csv         *csv,
      guint        line,
      GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Csv         *csv,
      guint        line,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_MALFORMED, "%s:%u: %s",
               csv->filename, line, message);
  return FALSE;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
ends_field (char c)
{
  return c == ',' || c == '\n' || c == '\r';
}

static gboolean
read_quoted (Csv      *csv,
             GString  *field,
             GError  **error)
{
  const char *p = csv->p + 1;

  for (;;)
    {
      const char *quote = memchr (p, '"', csv->end - p);

      if (quote == NULL)
        return fail (csv, csv->record_line, error,
                     _("a quoted field is not closed; add the closing quote (\")"));
      for (const char *q = p; q < quote; q++)
        csv->line += *q == '\n';
      g_string_append_len (field, p, quote - p);
      p = quote + 1;
      if (p < csv->end && *p == '"')
        {
          g_string_append_c (field, '"');
          p++;
          continue;
        }
      break;
    }
  while (p < csv->end && is_blank (*p))
    p++;
  if (p < csv->end && !ends_field (*p))
    return fail (csv, csv->line, error,
                 _("unexpected text after a closing quote; inside a quoted field, "
                   "write a quote as two (\"\")"));
  csv->p = p;
  return TRUE;
}

static gboolean
read_field (Csv      *csv,
            GString  *field)
{
  const char *start = csv->p;
  const char *p = start;
  const char *stop;

  while (p < csv->end && !ends_field (*p) && *p != '"')
    p++;
  if (p < csv->end && *p == '"')
    return FALSE;
  for (stop = p; stop > start && is_blank (stop[-1]); stop--)
    ;
  g_string_append_len (field, start, stop - start);
  csv->p = p;
  return TRUE;
}

static void
end_line (Csv *csv)
{
  if (csv->p < csv->end && *csv->p == '\r')
    csv->p++;
  if (csv->p < csv->end && *csv->p == '\n')
    csv->p++;
  csv->line++;
}

static RecordStatus
next_record (Csv     *csv,
             GError **error)
{
  if (csv->p >= csv->end)
    return RECORD_NONE;

  csv->record_line = csv->line;
  csv->n_fields = 0;
  for (;;)
    {
      GString *field = csv->fields[MIN (csv->n_fields, N_COLUMNS)];

      g_string_truncate (field, 0);
      while (csv->p < csv->end && is_blank (*csv->p))
        csv->p++;
      if (csv->p < csv->end && *csv->p == '"')
        {
          if (!read_quoted (csv, field, error))
            return RECORD_FAILED;
        }
      else if (!read_field (csv, field))
        {
          fail (csv, csv->line, error,
                _("a quote inside a field that does not start with one; put the whole field "
                  "in quotes and write the quote inside as two (\"\")"));
          return RECORD_FAILED;
        }
      csv->n_fields++;
      if (csv->p < csv->end && *csv->p == ',')
        {
          csv->p++;
          continue;
        }
      end_line (csv);
      return RECORD_READ;
    }
}

static gboolean
is_blank_record (const Csv *csv)
{
  return csv->n_fields == 1 && csv->fields[0]->len == 0;
}

/* The next record that is not a blank line. */
static RecordStatus
next_filled_record (Csv     *csv,
                    GError **error)
{
  RecordStatus status;

  do
    status = next_record (csv, error);
  while (status == RECORD_READ && is_blank_record (csv));
  return status;
}

static gboolean
check_header (Csv     *csv,
              GError **error)
{
  static const char * const expected[N_COLUMNS] = { "unit", "reader", "value" };
  g_autoptr (GString) found = NULL;
  g_autofree char *shown = NULL;
  gboolean good = csv->n_fields == N_COLUMNS;

  for (guint i = 0; good && i < N_COLUMNS; i++)
    good = g_str_equal (csv->fields[i]->str, expected[i]);
  if (good)
    return TRUE;

  found = g_string_new (NULL);
  for (guint i = 0; i < MIN (csv->n_fields, N_COLUMNS); i++)
    g_string_append_printf (found, i > 0 ? ",%s" : "%s", csv->fields[i]->str);
  if (csv->n_fields > N_COLUMNS)
    g_string_append (found, ",…");
  shown = sc_agreement_shown (found->str);
  return fail (csv, csv->record_line, error,
               _("the first line must be the header “unit,reader,value”, not “%s”"), shown);
}

static gboolean
check_text (const char  *data,
            gsize        size,
            const char  *filename,
            GError     **error)
{
  const char *bad = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, size, &bad))
    return TRUE;
  for (const char *p = data; p < bad; p++)
    line += *p == '\n';
  g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_MALFORMED,
               _("%s:%u: this line is not UTF-8 text; save the file as CSV in UTF-8"),
               filename, line);
  return FALSE;
}

static gboolean
read_ratings (Csv        *csv,
              ScRatings  *ratings,
              GError    **error)
{
  RecordStatus status = next_filled_record (csv, error);

  if (status == RECORD_NONE)
    {
      g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_MALFORMED,
                   _("%s: the file is empty; start it with the header line “unit,reader,value”"),
                   csv->filename);
      return FALSE;
    }
  if (status == RECORD_FAILED || !check_header (csv, error))
    return FALSE;

  while ((status = next_filled_record (csv, error)) == RECORD_READ)
    {
      if (csv->n_fields != N_COLUMNS)
        return fail (csv, csv->record_line, error,
                     _("expected 3 fields (unit,reader,value) but found %u; put any field "
                       "holding a comma in quotes"),
                     csv->n_fields);
      if (!sc_ratings_add (ratings, csv->fields[0]->str, csv->fields[1]->str,
                           csv->fields[2]->str, error))
        {
          g_prefix_error (error, "%s:%u: ", csv->filename, csv->record_line);
          return FALSE;
        }
    }
  return status == RECORD_NONE;
}

ScRatings *
sc_ratings_load_csv_bytes (GBytes      *bytes,
                           const char  *filename,
                           GError     **error)
{
  g_autoptr (ScRatings) ratings = sc_ratings_new ();
  gsize size = 0;
  const char *data;
  Csv csv = { filename, NULL, NULL, 1, 1, { NULL }, 0 };
  gboolean ok;

  g_return_val_if_fail (bytes != NULL && filename != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  csv.p = data;
  csv.end = data + size;

  if (!check_text (data, size, filename, error))
    return NULL;
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    csv.p += 3;

  for (guint i = 0; i <= N_COLUMNS; i++)
    csv.fields[i] = g_string_sized_new (64);
  ok = read_ratings (&csv, ratings, error);
  for (guint i = 0; i <= N_COLUMNS; i++)
    g_string_free (csv.fields[i], TRUE);
  return ok ? g_steal_pointer (&ratings) : NULL;
}

ScRatings *
sc_ratings_load_csv (const char  *path,
                     GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *contents = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_IO, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, size);
  return sc_ratings_load_csv_bytes (bytes, path, error);
}
