/* sc-rows-writer.c: rows as XML, through libxml2's streaming writer
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-rows.h"

#include <string.h>

#define OK(call) ((call) >= 0)

/* XML 1.0 cannot carry most control characters at all, and turns "\r\n"
 * into "\n": such texts go as base64, so every byte comes back. */
static gboolean
needs_base64 (const GString *text)
{
  const guchar *p = (const guchar *) text->str;

  for (gsize i = 0; i < text->len; i++)
    {
      if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')
        return TRUE;
      /* U+FFFE and U+FFFF are not XML characters either. */
      if (p[i] == 0xef && i + 2 < text->len && p[i + 1] == 0xbf && p[i + 2] >= 0xbe)
        return TRUE;
    }
  return !g_utf8_validate_len (text->str, text->len, NULL);
}

static gboolean
write_int_attribute (xmlTextWriterPtr writer,
                     const char      *name,
                     gint64           value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return OK (xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST text));
}

static gboolean
write_number (xmlTextWriterPtr  writer,
              const ScRowValue *value,
              ScColumnType      type)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (type == SC_COLUMN_INTEGER)
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value->integer);
  else
    g_ascii_dtostr (text, sizeof text, value->real);
  return OK (xmlTextWriterWriteString (writer, BAD_CAST text));
}

static gboolean
write_value (xmlTextWriterPtr   writer,
             const ScRowColumn *column,
             const ScRowValue  *value)
{
  gboolean base64;

  if (!OK (xmlTextWriterStartElement (writer, BAD_CAST "col")) ||
      !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST column->name)))
    return FALSE;
  if (value->is_null)
    return OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "null", BAD_CAST "1")) &&
           OK (xmlTextWriterEndElement (writer));
  if (column->type == SC_COLUMN_INTEGER || column->type == SC_COLUMN_REAL)
    return write_number (writer, value, column->type) && OK (xmlTextWriterEndElement (writer));

  base64 = column->type == SC_COLUMN_BLOB || needs_base64 (value->data);
  if (base64)
    return OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "encoding", BAD_CAST "base64")) &&
           (value->data->len == 0 ||
            OK (xmlTextWriterWriteBase64 (writer, value->data->str, 0, (int) value->data->len))) &&
           OK (xmlTextWriterEndElement (writer));
  /* An empty element and an empty string are the same: not NULL. */
  return (value->data->len == 0 ||
          OK (xmlTextWriterWriteString (writer, BAD_CAST value->data->str))) &&
         OK (xmlTextWriterFullEndElement (writer));
}

gboolean
sc_rows_write_start (xmlTextWriterPtr writer)
{
  return OK (xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL)) &&
         OK (xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "rows", BAD_CAST SC_ROWS_NS)) &&
         OK (xmlTextWriterWriteRaw (writer, BAD_CAST "\n"));
}

gboolean
sc_rows_write_row (xmlTextWriterPtr writer,
                   const ScRow     *row)
{
  const ScRowTable *table = row->table;

  if (!OK (xmlTextWriterStartElement (writer, BAD_CAST "row")) ||
      !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "table", BAD_CAST table->name)) ||
      !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST row->id->str)) ||
      !write_int_attribute (writer, "rev", row->rev) ||
      !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "origin", BAD_CAST row->origin->str)) ||
      !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "deleted",
                                        BAD_CAST (row->deleted ? "1" : "0"))))
    return FALSE;
  if (row->has_base &&
      (!write_int_attribute (writer, "base-rev", row->base_rev) ||
       !OK (xmlTextWriterWriteAttribute (writer, BAD_CAST "base-origin",
                                         BAD_CAST row->base_origin->str))))
    return FALSE;
  for (guint i = 0; i < table->n_columns; i++)
    if (!write_value (writer, &table->columns[i], &row->values[i]))
      return FALSE;
  return OK (xmlTextWriterEndElement (writer)) &&
         OK (xmlTextWriterWriteRaw (writer, BAD_CAST "\n"));
}

gboolean
sc_rows_write_end (xmlTextWriterPtr writer)
{
  return OK (xmlTextWriterEndDocument (writer)) && OK (xmlTextWriterFlush (writer));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

char *
sc_row_to_xml (const ScRow *row)
{
  g_autoptr (xmlBuffer) buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  gboolean ok;

  if (writer == NULL)
    return NULL;
  ok = sc_rows_write_start (writer) && sc_rows_write_row (writer, row) &&
       sc_rows_write_end (writer);
  xmlFreeTextWriter (writer);
  return ok ? g_strndup ((const char *) xmlBufferContent (buffer),
                         (gsize) xmlBufferLength (buffer))
            : NULL;
}
