/* sc-report-table.c: tables of the PDF report, continued across pages
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-report-doc.h"

#include <glib/gi18n-lib.h>

#define TABLE_FONT 8.5
#define PAD_X 4.0
#define PAD_Y 3.0

struct _ScReportTable
{
  guint n_columns;
  char **headers;
  double *widths;
  gboolean *numeric;
  GPtrArray *cells; /* char*, row-major */
  int max_lines;
  double fraction;
};

ScReportTable *
sc_report_table_new (guint n_columns)
{
  ScReportTable *table = g_new0 (ScReportTable, 1);

  table->n_columns = n_columns;
  table->headers = g_new0 (char *, n_columns + 1);
  table->widths = g_new0 (double, n_columns);
  table->numeric = g_new0 (gboolean, n_columns);
  table->cells = g_ptr_array_new_with_free_func (g_free);
  table->fraction = 1;
  for (guint c = 0; c < n_columns; c++)
    table->widths[c] = 1;
  return table;
}

void
sc_report_table_free (ScReportTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->headers);
  g_free (table->widths);
  g_free (table->numeric);
  g_ptr_array_unref (table->cells);
  g_free (table);
}

void
sc_report_table_set_column (ScReportTable *table,
                            guint          column,
                            const char    *header,
                            double         width,
                            gboolean       numeric)
{
  g_return_if_fail (column < table->n_columns);
  g_free (table->headers[column]);
  table->headers[column] = g_strdup (header);
  table->widths[column] = width;
  table->numeric[column] = numeric;
}

void
sc_report_table_set_max_lines (ScReportTable *table,
                               int            max_lines)
{
  table->max_lines = max_lines;
}

void
sc_report_table_set_width (ScReportTable *table,
                           double         fraction)
{
  table->fraction = CLAMP (fraction, 0.1, 1);
}

void
sc_report_table_take (ScReportTable *table,
                      char          *cell)
{
  g_ptr_array_add (table->cells, cell != NULL ? cell : g_strdup (""));
}

void
sc_report_table_add (ScReportTable *table,
                     const char    *cell)
{
  sc_report_table_take (table, g_strdup (cell));
}

guint
sc_report_table_get_n_rows (ScReportTable *table)
{
  return table->cells->len / table->n_columns;
}

static gboolean
column_is_empty (ScReportTable *table,
                 guint          column,
                 const char    *empty)
{
  for (guint i = column; i < table->cells->len; i += table->n_columns)
    if (g_strcmp0 (g_ptr_array_index (table->cells, i), empty) != 0)
      return FALSE;
  return TRUE;
}

static void
drop_column (ScReportTable *table,
             guint          column)
{
  guint n_rows = sc_report_table_get_n_rows (table);

  for (guint r = n_rows; r-- > 0;)
    g_ptr_array_remove_index (table->cells, r * table->n_columns + column);
  g_free (table->headers[column]);
  for (guint c = column; c + 1 < table->n_columns; c++)
    {
      table->headers[c] = table->headers[c + 1];
      table->widths[c] = table->widths[c + 1];
      table->numeric[c] = table->numeric[c + 1];
    }
  table->headers[--table->n_columns] = NULL;
}

void
sc_report_table_drop_empty_columns (ScReportTable *table,
                                    const char    *empty)
{
  if (sc_report_table_get_n_rows (table) == 0)
    return;
  for (guint c = table->n_columns; c-- > 0;)
    if (column_is_empty (table, c, empty))
      drop_column (table, c);
}

/* The left edge of each column, and the table's right edge last. */
static double *
column_edges (ScReportDoc   *doc,
              ScReportTable *table)
{
  double *edges = g_new (double, table->n_columns + 1);
  double total = 0, x = SC_REPORT_MARGIN;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->widths[c];
  for (guint c = 0; c < table->n_columns; c++)
    {
      edges[c] = x;
      x += sc_report_doc_width (doc) * table->fraction * table->widths[c] / total;
    }
  edges[table->n_columns] = x;
  return edges;
}

static void
prepare_cell (ScReportDoc   *doc,
              ScReportTable *table,
              const char    *text,
              guint          column,
              double         width,
              gboolean       header)
{
  PangoLayout *layout = sc_report_doc_prepare (doc, text, TABLE_FONT, header, width - 2 * PAD_X);

  if (table->numeric[column])
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  if (header)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  if (table->max_lines > 0 && !header)
    {
      pango_layout_set_height (layout, -table->max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

/* Lays a row out, draws it unless MEASURE, and returns its height. */
static double
row (ScReportDoc        *doc,
     ScReportTable      *table,
     const double       *edges,
     const char * const *cells,
     gboolean            header,
     gboolean            measure)
{
  double tallest = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      int w, h;

      prepare_cell (doc, table, cells[c], c, edges[c + 1] - edges[c], header);
      pango_layout_get_size (doc->layout, &w, &h);
      tallest = MAX (tallest, (double) h / PANGO_SCALE);
      if (!measure)
        sc_report_doc_show (doc, edges[c] + PAD_X, doc->y + PAD_Y, &doc->chart.text);
    }
  return tallest + 2 * PAD_Y;
}

static void
row_background (ScReportDoc  *doc,
                const double *edges,
                guint         n_columns,
                double        height,
                gboolean      header,
                gboolean      shaded)
{
  cairo_t *cr = doc->cr;

  if (doc->measuring)
    return;
  if (header || shaded)
    {
      if (header)
        cairo_set_source_rgb (cr, 0.90, 0.92, 0.94);
      else
        cairo_set_source_rgb (cr, 0.965, 0.97, 0.975);
      cairo_rectangle (cr, edges[0], doc->y, edges[n_columns] - edges[0], height);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, doc->chart.muted.red, doc->chart.muted.green, doc->chart.muted.blue,
                         header ? 0.8 : 0.25);
  cairo_set_line_width (cr, header ? 0.8 : 0.4);
  cairo_move_to (cr, edges[0], doc->y + height);
  cairo_line_to (cr, edges[n_columns], doc->y + height);
  cairo_stroke (cr);
}

static void
draw_row (ScReportDoc        *doc,
          ScReportTable      *table,
          const double       *edges,
          const char * const *cells,
          gboolean            header,
          gboolean            shaded)
{
  double height = row (doc, table, edges, cells, header, TRUE);

  row_background (doc, edges, table->n_columns, height, header, shaded);
  row (doc, table, edges, cells, header, FALSE);
  doc->y += height;
}

static void
continue_on_new_page (ScReportDoc   *doc,
                      ScReportTable *table,
                      const double  *edges)
{
  sc_report_doc_new_page (doc);
  sc_report_doc_prepare (doc, _("(continued)"), 8.0, FALSE, -1);
  sc_report_doc_show (doc, SC_REPORT_MARGIN, doc->y, &doc->chart.muted);
  doc->y += 14;
  draw_row (doc, table, edges, (const char * const *) table->headers, TRUE, FALSE);
}

void
sc_report_doc_table (ScReportDoc   *doc,
                     ScReportTable *table)
{
  g_autofree double *edges = column_edges (doc, table);
  const char * const *cells = (const char * const *) table->cells->pdata;
  guint n_rows = sc_report_table_get_n_rows (table);
  double header = row (doc, table, edges, (const char * const *) table->headers, TRUE, TRUE);
  double first = n_rows > 0 ? row (doc, table, edges, cells, FALSE, TRUE) : 0;

  sc_report_doc_ensure (doc, header + first);
  draw_row (doc, table, edges, (const char * const *) table->headers, TRUE, FALSE);
  for (guint r = 0; r < n_rows; r++)
    {
      const char * const *rc = cells + (gsize) r * table->n_columns;

      if (doc->y + row (doc, table, edges, rc, FALSE, TRUE) > sc_report_doc_bottom (doc))
        continue_on_new_page (doc, table, edges);
      draw_row (doc, table, edges, rc, FALSE, r % 2 == 1);
    }
  doc->y += 10;
}
