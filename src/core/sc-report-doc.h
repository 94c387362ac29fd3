/* sc-report-doc.h: pages, text and tables of the PDF report
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small flowing layout on A4: a cursor moves down the page, and text,
 * tables and figures that do not fit go on to the next page (tables repeat
 * their header). Every page has a running head and "page N of M". The
 * report is laid out twice: a first, measuring pass finds M, the second one
 * draws. Both passes use the same surface type, so the same font metrics.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sc-chart.h"

G_BEGIN_DECLS

#define SC_REPORT_PAGE_WIDTH 595.276 /* A4 in points */
#define SC_REPORT_PAGE_HEIGHT 841.890
#define SC_REPORT_MARGIN 56.7        /* 20 mm */

typedef enum
{
  SC_TEXT_BODY,
  SC_TEXT_SMALL,
  SC_TEXT_STRONG,
  SC_TEXT_TITLE,
  SC_TEXT_HEADING,    /* a section, which starts a page */
  SC_TEXT_SUBHEADING,
  SC_TEXT_NOTICE,     /* boxed, for what must not be missed */
} ScTextStyle;

typedef struct
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;       /* for the content */
  PangoLayout *frame_layout; /* for running heads and page numbers */
  ScChartStyle chart;
  double y;           /* the cursor, from the top of the page */
  int page;           /* the page being laid out, from 1 */
  int n_pages;        /* known in the drawing pass, else 0 */
  gboolean measuring; /* the first pass: lay out, draw nothing */
  char *running_head;
} ScReportDoc;

typedef void (*ScFigureFunc) (cairo_t            *cr,
                              double              width,
                              double              height,
                              const ScChartStyle *style,
                              gpointer            data);

/* SURFACE is an A4 PDF surface; N_PAGES is 0 in the measuring pass. */
ScReportDoc *sc_report_doc_new (cairo_surface_t *surface,
                                const char      *running_head,
                                int              n_pages);
/* Ends the last page; returns the number of pages. */
int          sc_report_doc_finish (ScReportDoc *doc);
void         sc_report_doc_free (ScReportDoc *doc);

double sc_report_doc_width (ScReportDoc *doc);   /* of the text column */
double sc_report_doc_bottom (ScReportDoc *doc);  /* where the text column ends */

void sc_report_doc_new_page (ScReportDoc *doc);
/* Starts a new page unless HEIGHT fits below the cursor. */
void sc_report_doc_ensure (ScReportDoc *doc,
                           double       height);
void sc_report_doc_space (ScReportDoc *doc,
                          double       height);

/* A paragraph, broken across pages between lines where it must be. A
 * heading starts a page (SC_TEXT_HEADING) or keeps with what follows, and
 * adds an entry to the PDF's outline. */
void sc_report_doc_text (ScReportDoc *doc,
                         ScTextStyle  style,
                         const char  *text);
void sc_report_doc_textf (ScReportDoc *doc,
                          ScTextStyle  style,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* A chart HEIGHT high across the text column (or WIDTH wide when above 0),
 * on this page if it fits. */
void sc_report_doc_figure (ScReportDoc  *doc,
                           double        width,
                           double        height,
                           ScFigureFunc  draw,
                           gpointer      data);

/* Lays TEXT out WIDTH wide (-1: unbounded) in DOC's shared layout, and
 * draws that layout (nothing in the measuring pass). */
PangoLayout *sc_report_doc_prepare (ScReportDoc *doc,
                                    const char  *text,
                                    double       size,
                                    gboolean     bold,
                                    double       width);
void         sc_report_doc_show (ScReportDoc  *doc,
                                 double        x,
                                 double        y,
                                 const ScRgba *color);

/* Tables: columns with relative widths, filled a cell at a time. */
typedef struct _ScReportTable ScReportTable;

ScReportTable *sc_report_table_new (guint n_columns);
void           sc_report_table_free (ScReportTable *table);
void           sc_report_table_set_column (ScReportTable *table,
                                           guint          column,
                                           const char    *header,
                                           double         width,
                                           gboolean       numeric);
/* The table's width as a FRACTION of the text column (1 by default). */
void           sc_report_table_set_width (ScReportTable *table,
                                          double         fraction);
/* Cells longer than MAX_LINES lines are cut with an ellipsis (0: no limit). */
void           sc_report_table_set_max_lines (ScReportTable *table,
                                              int            max_lines);
void           sc_report_table_add (ScReportTable *table,
                                    const char    *cell);
void           sc_report_table_take (ScReportTable *table,
                                     char          *cell);
guint          sc_report_table_get_n_rows (ScReportTable *table);
/* Leaves out the columns in which every cell is EMPTY (e.g. "—"). */
void           sc_report_table_drop_empty_columns (ScReportTable *table,
                                                   const char    *empty);
/* Draws the rows that fit, then goes on to new pages with the header again. */
void           sc_report_doc_table (ScReportDoc   *doc,
                                    ScReportTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReportDoc, sc_report_doc_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReportTable, sc_report_table_free)

G_END_DECLS
