/* sc-rows-reader.c: reading a rows document, one row at a time
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Memory stays bounded whatever the document's size: xmlTextReader holds the
 * current node only, and one ScRow is reused for every row. Everything is
 * checked as it is read: the element structure, the table and column names
 * against the whitelist in sc-rows.c, ids, revisions and typed values.
 */
#include "sc-rows.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sodium.h>
#include <string.h>

struct _ScRowsReader
{
  ScSafeXmlReader *xml;
  xmlTextReaderPtr reader;
  ScRow *row;
  GString *scratch;
  gboolean started;
  gboolean finished;
};

ScRowsReader *
sc_rows_reader_new (ScSafeXmlReadFunc read,
                    gpointer          user_data)
{
  ScRowsReader *self = g_new0 (ScRowsReader, 1);

  self->xml = sc_safe_xml_reader_new (read, user_data);
  self->reader = sc_safe_xml_reader_get (self->xml);
  self->row = sc_row_new ();
  self->scratch = g_string_new (NULL);
  return self;
}

void
sc_rows_reader_free (ScRowsReader *self)
{
  if (self == NULL)
    return;
  sc_safe_xml_reader_free (self->xml);
  sc_row_free (self->row);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

G_GNUC_PRINTF (3, 4)
static gboolean
invalid (ScRowsReader *self,
         GError      **error,
         const char   *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_INVALID,
               _("Rows check failed: line %u: %s"), sc_safe_xml_line (self->xml), message);
  return FALSE;
}

/* The next node; XML problems become SC_BUNDLE_ERROR_ROWS, while errors of
 * the layers below (a chunk that does not authenticate) pass as they are. */
static int
next_node (ScRowsReader *self,
           GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  int rc = sc_safe_xml_reader_next (self->xml, &local_error);

  if (rc >= 0)
    return rc;
  if (local_error->domain == SC_SAFE_XML_ERROR)
    g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_ROWS,
                 _("Rows check failed: the rows document is not acceptable XML: %s"),
                 local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return -1;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
      return FALSE;
  return TRUE;
}

static const char *
local_name (xmlTextReaderPtr reader)
{
  return (const char *) xmlTextReaderConstLocalName (reader);
}

static gboolean
parse_rev (const char *text,
           gint64     *rev)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text) ||
      !g_ascii_string_to_unsigned (text, 10, 1, SC_ROWS_MAX_REV, &value, NULL))
    return FALSE;
  *rev = (gint64) value;
  return TRUE;
}

static gboolean
set_row_attribute (ScRowsReader *self,
                   const char   *name,
                   const char   *value,
                   GError      **error)
{
  ScRow *row = self->row;

  if (strcmp (name, "id") == 0 && g_uuid_string_is_valid (value))
    g_string_assign (row->id, value);
  else if (strcmp (name, "origin") == 0 && g_uuid_string_is_valid (value))
    g_string_assign (row->origin, value);
  else if (strcmp (name, "base-origin") == 0 && g_uuid_string_is_valid (value))
    g_string_assign (row->base_origin, value);
  else if (strcmp (name, "rev") == 0 && parse_rev (value, &row->rev))
    ;
  else if (strcmp (name, "base-rev") == 0 && parse_rev (value, &row->base_rev))
    ;
  else if (strcmp (name, "deleted") == 0 && (g_str_equal (value, "0") || g_str_equal (value, "1")))
    row->deleted = value[0] == '1';
  else if (strcmp (name, "table") == 0)
    ; /* read first, see read_row_attributes() */
  else
    return invalid (self, error, _("the row attribute %s=“%s” is unknown or ill-formed"), name,
                    value);
  return TRUE;
}

static gboolean
read_row_attributes (ScRowsReader *self,
                     GError      **error)
{
  xmlTextReaderPtr reader = self->reader;
  xmlChar *table_name = xmlTextReaderGetAttribute (reader, BAD_CAST "table");
  const ScRowTable *table = table_name != NULL ? sc_rows_find_table ((char *) table_name) : NULL;
  int rc;

  if (table == NULL)
    {
      invalid (self, error, _("unknown table “%s”"),
               table_name != NULL ? (const char *) table_name : "");
      xmlFree (table_name);
      return FALSE;
    }
  xmlFree (table_name);
  sc_row_reset (self->row, table);
  for (rc = xmlTextReaderMoveToFirstAttribute (reader); rc == 1;
       rc = xmlTextReaderMoveToNextAttribute (reader))
    {
      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (xmlTextReaderConstNamespaceUri (reader) != NULL)
        {
          xmlTextReaderMoveToElement (reader);
          return invalid (self, error, _("attributes in other namespaces are not allowed"));
        }
      if (!set_row_attribute (self, local_name (reader),
                              (const char *) xmlTextReaderConstValue (reader), error))
        {
          xmlTextReaderMoveToElement (reader);
          return FALSE;
        }
    }
  xmlTextReaderMoveToElement (reader);
  if (self->row->id->len == 0 || self->row->origin->len == 0 || self->row->rev == 0)
    return invalid (self, error, _("a %s row lacks its id, rev or origin"), table->name);
  self->row->has_base = self->row->base_rev > 0 || self->row->base_origin->len > 0;
  if (self->row->has_base && (self->row->base_rev == 0 || self->row->base_origin->len == 0))
    return invalid (self, error, _("row %s has base-rev without base-origin, or the reverse"),
                    self->row->id->str);
  return TRUE;
}

typedef struct
{
  int index;
  gboolean is_null;
  gboolean base64;
} ColumnStart;

static gboolean
read_col_attributes (ScRowsReader *self,
                     ColumnStart  *start,
                     GError      **error)
{
  xmlTextReaderPtr reader = self->reader;
  const ScRowTable *table = self->row->table;
  int rc;

  start->index = -1;
  for (rc = xmlTextReaderMoveToFirstAttribute (reader); rc == 1;
       rc = xmlTextReaderMoveToNextAttribute (reader))
    {
      const char *name = local_name (reader);
      const char *value = (const char *) xmlTextReaderConstValue (reader);

      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (xmlTextReaderConstNamespaceUri (reader) == NULL && strcmp (name, "name") == 0)
        start->index = sc_rows_column_index (table, value);
      else if (xmlTextReaderConstNamespaceUri (reader) == NULL && strcmp (name, "null") == 0 &&
               strcmp (value, "1") == 0)
        start->is_null = TRUE;
      else if (xmlTextReaderConstNamespaceUri (reader) == NULL &&
               strcmp (name, "encoding") == 0 && strcmp (value, "base64") == 0)
        start->base64 = TRUE;
      else
        {
          xmlTextReaderMoveToElement (reader);
          return invalid (self, error, _("the column attribute %s=“%s” is unknown"), name,
                          value);
        }
    }
  xmlTextReaderMoveToElement (reader);
  if (start->index < 0)
    {
      xmlChar *name = xmlTextReaderGetAttribute (reader, BAD_CAST "name");
      gboolean ok = invalid (self, error, _("table %s has no column “%s”"), table->name,
                             name != NULL ? (const char *) name : "");

      xmlFree (name);
      return ok;
    }
  if (self->row->values[start->index].present)
    return invalid (self, error, _("column %s is given twice in row %s"),
                    table->columns[start->index].name, self->row->id->str);
  return TRUE;
}

/* The text of the current <col>, up to its end; nothing else may be inside. */
static gboolean
read_col_text (ScRowsReader *self,
               GString      *into,
               GError      **error)
{
  g_string_truncate (into, 0);
  if (xmlTextReaderIsEmptyElement (self->reader))
    return TRUE;
  for (;;)
    {
      int rc = next_node (self, error);

      if (rc < 0)
        return FALSE;
      if (rc == 0)
        return invalid (self, error, _("the document ends inside a column"));
      if (sc_safe_xml_is_end (self->xml))
        return TRUE;
      if (!sc_safe_xml_is_text (self->xml))
        return invalid (self, error, _("a column holds an element; it may only hold text"));
      g_string_append (into, sc_safe_xml_value (self->xml));
    }
}

static gboolean
decode_base64 (ScRowsReader *self,
               GString      *value,
               GError      **error)
{
  gsize len = 0;

  g_string_set_size (self->scratch, value->len / 4 * 3 + 3);
  if (sodium_base642bin ((guchar *) self->scratch->str, self->scratch->len, value->str,
                         value->len, " \t\r\n", &len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return invalid (self, error, _("a base64 column is not valid base64"));
  g_string_truncate (value, 0);
  g_string_append_len (value, self->scratch->str, (gssize) len);
  return TRUE;
}

static gboolean
convert_value (ScRowsReader      *self,
               const ScRowColumn *column,
               ScRowValue        *value,
               gboolean           base64,
               GError           **error)
{
  const char *text = value->data->str;
  char *end = NULL;

  if (column->type == SC_COLUMN_BLOB && !base64)
    return invalid (self, error, _("column %s must be base64"), column->name);
  if ((column->type == SC_COLUMN_INTEGER || column->type == SC_COLUMN_REAL) && base64)
    return invalid (self, error, _("column %s is a number and cannot be base64"), column->name);
  if (base64)
    return decode_base64 (self, value->data, error);
  switch (column->type)
    {
    case SC_COLUMN_INTEGER:
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value->integer, NULL))
        return invalid (self, error, _("column %s must be a whole number"), column->name);
      return TRUE;
    case SC_COLUMN_REAL:
      value->real = g_ascii_strtod (text, &end);
      if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (value->real))
        return invalid (self, error, _("column %s must be a number"), column->name);
      return TRUE;
    case SC_COLUMN_TEXT:
    case SC_COLUMN_BLOB:
    default:
      return TRUE;
    }
}

static gboolean
read_col (ScRowsReader *self,
          GError      **error)
{
  ColumnStart start = { -1, FALSE, FALSE };
  const ScRowColumn *column;
  ScRowValue *value;

  if (!read_col_attributes (self, &start, error))
    return FALSE;
  column = &self->row->table->columns[start.index];
  value = &self->row->values[start.index];
  if (!read_col_text (self, value->data, error))
    return FALSE;
  value->present = TRUE;
  value->is_null = start.is_null;
  if (value->is_null)
    return value->data->len == 0 ||
           invalid (self, error, _("column %s is null but has a value"), column->name);
  return convert_value (self, column, value, start.base64, error);
}

static gboolean
finish_row (ScRowsReader *self,
            GError      **error)
{
  const ScRowTable *table = self->row->table;

  for (guint i = 0; i < table->n_columns; i++)
    if (!self->row->values[i].present)
      return invalid (self, error, _("row %s of table %s lacks column %s"), self->row->id->str,
                      table->name, table->columns[i].name);
  return TRUE;
}

static gboolean
read_row (ScRowsReader *self,
          GError      **error)
{
  if (!read_row_attributes (self, error))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (self->reader))
    return finish_row (self, error);
  for (;;)
    {
      int rc = next_node (self, error);

      if (rc < 0)
        return FALSE;
      if (rc == 0)
        return invalid (self, error, _("the document ends inside a row"));
      if (sc_safe_xml_is_end (self->xml))
        return finish_row (self, error);
      if (sc_safe_xml_is_text (self->xml) && is_blank (sc_safe_xml_value (self->xml)))
        continue;
      if (!sc_safe_xml_is_element (self->xml, SC_ROWS_NS, "col"))
        return invalid (self, error, _("a row may only hold <col> elements"));
      if (!read_col (self, error))
        return FALSE;
    }
}

static gboolean
expect_end_of_document (ScRowsReader *self,
                        GError      **error)
{
  int rc = next_node (self, error);

  if (rc < 0)
    return FALSE;
  if (rc > 0)
    return invalid (self, error, _("there is more after </rows>"));
  self->finished = TRUE;
  return TRUE;
}

static gboolean
read_root (ScRowsReader *self,
           GError      **error)
{
  int rc = next_node (self, error);

  self->started = TRUE;
  if (rc < 0)
    return FALSE;
  if (rc == 0 || !sc_safe_xml_is_element (self->xml, SC_ROWS_NS, "rows"))
    return invalid (self, error, _("the document is not a list of rows (urn:scrutineer:rows:1)"));
  if (xmlTextReaderIsEmptyElement (self->reader))
    return expect_end_of_document (self, error);
  return TRUE;
}

int
sc_rows_reader_next (ScRowsReader *self,
                     const ScRow **row,
                     GError      **error)
{
  if (!self->started && !read_root (self, error))
    return -1;
  while (!self->finished)
    {
      int rc = next_node (self, error);

      if (rc < 0)
        return -1;
      if (rc == 0)
        {
          invalid (self, error, _("the document ends before </rows>"));
          return -1;
        }
      if (sc_safe_xml_is_end (self->xml))
        return expect_end_of_document (self, error) ? 0 : -1;
      if (sc_safe_xml_is_text (self->xml) && is_blank (sc_safe_xml_value (self->xml)))
        continue;
      if (!sc_safe_xml_is_element (self->xml, SC_ROWS_NS, "row"))
        {
          invalid (self, error, _("<rows> may only hold <row> elements"));
          return -1;
        }
      if (!read_row (self, error))
        return -1;
      *row = self->row;
      return 1;
    }
  return 0;
}
