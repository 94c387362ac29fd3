/* sc-report-doc.c: pages, text and tables of the PDF report
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-report-doc.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#define FONT "Sans"
#define HEAD_Y 30.0   /* baseline area of the running head */
#define FOOT_Y 808.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

static const struct
{
  double size;
  gboolean bold;
  double space_before, space_after;
} text_styles[] = {
  [SC_TEXT_BODY] = { 9.5, FALSE, 0, 5 },
  [SC_TEXT_SMALL] = { 8.0, FALSE, 0, 4 },
  [SC_TEXT_STRONG] = { 9.5, TRUE, 2, 3 },
  [SC_TEXT_TITLE] = { 22.0, TRUE, 0, 10 },
  [SC_TEXT_HEADING] = { 16.0, TRUE, 0, 10 },
  [SC_TEXT_SUBHEADING] = { 11.5, TRUE, 10, 5 },
  [SC_TEXT_NOTICE] = { 10.0, TRUE, 6, 12 },
};

static void
set_font (PangoLayout *layout,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

static void
set_rgba (cairo_t      *cr,
          const ScRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

PangoLayout *
sc_report_doc_prepare (ScReportDoc *doc,
         const char  *text,
         double       size,
         gboolean     bold,
         double       width)
{
  PangoLayout *layout = doc->layout;

  set_font (layout, size, bold);
  pango_layout_set_width (layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Where the text column starts on a page. */
static double
page_top (void)
{
  return SC_REPORT_MARGIN + 10;
}

void
sc_report_doc_show (ScReportDoc  *doc,
                    double        x,
                    double        y,
                    const ScRgba *color)
{
  if (doc->measuring)
    return;
  set_rgba (doc->cr, color);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, doc->layout);
}

ScReportDoc *
sc_report_doc_new (cairo_surface_t *surface,
                   const char      *running_head,
                   int              n_pages)
{
  ScReportDoc *doc = g_new0 (ScReportDoc, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->surface = cairo_surface_reference (surface);
  doc->cr = cairo_create (surface);
  /* Unhinted metrics: the same layout whatever the surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (doc->cr, options);
  cairo_font_options_destroy (options);
  doc->layout = pango_cairo_create_layout (doc->cr);
  doc->frame_layout = pango_cairo_create_layout (doc->cr);
  sc_chart_style_init (&doc->chart, SC_CHART_THEME_LIGHT);
  doc->chart.background.alpha = 0;
  doc->chart.font_size = 8.0;
  doc->running_head = g_strdup (running_head);
  doc->n_pages = n_pages;
  doc->measuring = n_pages == 0;
  return doc;
}

void
sc_report_doc_free (ScReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_object (&doc->layout);
  g_clear_object (&doc->frame_layout);
  cairo_destroy (doc->cr);
  cairo_surface_destroy (doc->surface);
  g_free (doc->running_head);
  g_free (doc);
}

double
sc_report_doc_width (ScReportDoc *doc)
{
  return SC_REPORT_PAGE_WIDTH - 2 * SC_REPORT_MARGIN;
}

double
sc_report_doc_bottom (ScReportDoc *doc)
{
  return SC_REPORT_PAGE_HEIGHT - SC_REPORT_MARGIN - 8;
}

/* Draws the running head and the page number with the frame's own layout:
 * a new page may start while a paragraph's layout is being drawn. */
static void
draw_page_frame (ScReportDoc *doc)
{
  double right = SC_REPORT_PAGE_WIDTH - SC_REPORT_MARGIN;
  g_autofree char *number = NULL;
  PangoLayout *content = doc->layout;

  doc->layout = doc->frame_layout;
  if (doc->n_pages > 0)
    number = g_strdup_printf (_("Page %d of %d"), doc->page, doc->n_pages);
  else
    number = g_strdup_printf (_("Page %d"), doc->page);

  sc_report_doc_prepare (doc, doc->running_head, 8.0, FALSE, sc_report_doc_width (doc) * 0.6);
  pango_layout_set_ellipsize (doc->layout, PANGO_ELLIPSIZE_END);
  sc_report_doc_show (doc, SC_REPORT_MARGIN, HEAD_Y, &doc->chart.muted);
  sc_report_doc_prepare (doc, _("Sensitive: outside the encrypted store"), 8.0, TRUE,
                         sc_report_doc_width (doc) * 0.4);
  pango_layout_set_alignment (doc->layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (doc->layout, PANGO_ELLIPSIZE_END);
  sc_report_doc_show (doc, right - sc_report_doc_width (doc) * 0.4, HEAD_Y, &doc->chart.muted);
  if (!doc->measuring)
    {
      set_rgba (doc->cr, &doc->chart.grid);
      cairo_set_line_width (doc->cr, 0.6);
      cairo_move_to (doc->cr, SC_REPORT_MARGIN, HEAD_Y + 14);
      cairo_line_to (doc->cr, right, HEAD_Y + 14);
      cairo_stroke (doc->cr);
    }
  sc_report_doc_prepare (doc, number, 8.0, FALSE, sc_report_doc_width (doc));
  pango_layout_set_alignment (doc->layout, PANGO_ALIGN_CENTER);
  sc_report_doc_show (doc, SC_REPORT_MARGIN, FOOT_Y, &doc->chart.muted);
  doc->layout = content;
}

static void
begin_page (ScReportDoc *doc)
{
  doc->page++;
  doc->y = page_top ();
  draw_page_frame (doc);
}

void
sc_report_doc_new_page (ScReportDoc *doc)
{
  if (doc->page > 0)
    cairo_show_page (doc->cr);
  begin_page (doc);
}

int
sc_report_doc_finish (ScReportDoc *doc)
{
  if (doc->page > 0)
    cairo_show_page (doc->cr);
  return doc->page;
}

void
sc_report_doc_ensure (ScReportDoc *doc,
                      double       height)
{
  if (doc->page == 0 || doc->y + height > sc_report_doc_bottom (doc))
    sc_report_doc_new_page (doc);
}

void
sc_report_doc_space (ScReportDoc *doc,
                     double       height)
{
  doc->y += height;
}

static void
add_outline (ScReportDoc *doc,
             const char  *text)
{
  g_autofree char *link = NULL;

  if (doc->measuring)
    return;
  link = g_strdup_printf ("page=%d pos=[%g %g]", doc->page, SC_REPORT_MARGIN, doc->y);
  cairo_pdf_surface_add_outline (doc->surface, CAIRO_PDF_OUTLINE_ROOT, text, link,
                                 CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

static void
notice (ScReportDoc *doc,
        const char  *text)
{
  double width = sc_report_doc_width (doc), pad = 8, h;

  sc_report_doc_prepare (doc, text, text_styles[SC_TEXT_NOTICE].size, TRUE, width - 2 * pad - 4);
  h = layout_height (doc->layout) + 2 * pad;
  sc_report_doc_ensure (doc, h);
  if (!doc->measuring)
    {
      cairo_rectangle (doc->cr, SC_REPORT_MARGIN, doc->y, width, h);
      cairo_set_source_rgb (doc->cr, 1.0, 0.96, 0.90);
      cairo_fill (doc->cr);
      set_rgba (doc->cr, &doc->chart.highlight);
      cairo_rectangle (doc->cr, SC_REPORT_MARGIN, doc->y, 4, h);
      cairo_fill (doc->cr);
    }
  sc_report_doc_show (doc, SC_REPORT_MARGIN + pad + 4, doc->y + pad, &doc->chart.text);
  doc->y += h;
}

/* Draws the laid-out paragraph line by line, going on to a new page where
 * the next line does not fit. */
static void
flow_lines (ScReportDoc  *doc,
            const ScRgba *color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (doc->layout);
  double offset = 0; /* where this page's part of the paragraph starts */

  do
    {
      PangoRectangle logical;
      double top, on_page;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      on_page = doc->y + top - offset;
      if (on_page + (double) logical.height / PANGO_SCALE > sc_report_doc_bottom (doc)
          && on_page > page_top ())
        {
          sc_report_doc_new_page (doc);
          offset = top;
        }
      if (!doc->measuring)
        {
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          set_rgba (doc->cr, color);
          cairo_move_to (doc->cr, SC_REPORT_MARGIN, doc->y - offset + baseline);
          pango_cairo_show_layout_line (doc->cr, pango_layout_iter_get_line_readonly (iter));
        }
    }
  while (pango_layout_iter_next_line (iter));
  doc->y += layout_height (doc->layout) - offset;
  pango_layout_iter_free (iter);
}

void
sc_report_doc_text (ScReportDoc *doc,
                    ScTextStyle  style,
                    const char  *text)
{
  double before = text_styles[style].space_before;
  double size = text_styles[style].size;

  if (style == SC_TEXT_NOTICE)
    {
      doc->y += before;
      notice (doc, text);
      doc->y += text_styles[style].space_after;
      return;
    }
  if (style == SC_TEXT_HEADING)
    sc_report_doc_new_page (doc);
  else if (style == SC_TEXT_SUBHEADING)
    sc_report_doc_ensure (doc, before + size * 1.3 + 90); /* keep with what follows */
  else
    sc_report_doc_ensure (doc, size * 1.3);
  if (doc->y > page_top ())
    doc->y += before;
  if (style == SC_TEXT_HEADING || style == SC_TEXT_SUBHEADING)
    add_outline (doc, text);
  sc_report_doc_prepare (doc, text, size, text_styles[style].bold, sc_report_doc_width (doc));
  flow_lines (doc, style == SC_TEXT_SMALL ? &doc->chart.muted : &doc->chart.text);
  doc->y += text_styles[style].space_after;
}

void
sc_report_doc_textf (ScReportDoc *doc,
                     ScTextStyle  style,
                     const char  *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sc_report_doc_text (doc, style, text);
}

void
sc_report_doc_figure (ScReportDoc  *doc,
                      double        width,
                      double        height,
                      ScFigureFunc  draw,
                      gpointer      data)
{
  if (width <= 0)
    width = sc_report_doc_width (doc);
  sc_report_doc_ensure (doc, height);
  if (!doc->measuring)
    {
      cairo_save (doc->cr);
      cairo_translate (doc->cr, SC_REPORT_MARGIN, doc->y);
      draw (doc->cr, width, height, &doc->chart, data);
      cairo_restore (doc->cr);
    }
  doc->y += height + 8;
}
