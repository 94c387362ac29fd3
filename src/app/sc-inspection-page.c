/* sc-inspection-page.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four sections in a view stack: the switcher sits above them while it fits,
 * and moves to a bar at the bottom when the window is narrow. Everything that
 * writes goes through one ScInspectionContext, which flush() closes.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-concerns-view.h"
#include "sc-double-view.h"
#include "sc-evaluations-view.h"
#include "sc-focus-groups-view.h"
#include "sc-inspection-context.h"
#include "sc-inspection-page.h"
#include "sc-records-view.h"

struct _ScInspectionPage
{
  GtkWidget parent_instance;

  GtkWidget *box;
  AdwSqueezer *squeezer;
  GtkWidget *squeezed;
  AdwViewStack *stack;
  AdwViewSwitcherBar *switcher_bar;

  ScInspectionContext *context;
  GtkWidget *records;
  GtkWidget *focus_groups;
  GtkWidget *concerns;
  GtkWidget *evaluations;
  AdwViewStackPage *concerns_page;
};

G_DEFINE_FINAL_TYPE (ScInspectionPage, sc_inspection_page, GTK_TYPE_WIDGET)

#define SECTION_RECORDS "records"
#define SECTION_FOCUS_GROUPS "focus-groups"
#define SECTION_CONCERNS "concerns"
#define SECTION_EVALUATIONS "evaluations"
#define SECTION_DOUBLE "double-reading"

static void
squeezed_cb (ScInspectionPage *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (self->squeezer) ==
                                      self->squeezed);
}

static void
section_changed_cb (ScInspectionPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (self->context == NULL || self->context->store == NULL)
    return;
  /* Leaving a section saves what it had pending; arriving shows what is new. */
  if (self->records != NULL)
    sc_records_view_flush (SC_RECORDS_VIEW (self->records));
  if (self->focus_groups != NULL)
    sc_focus_groups_view_flush (SC_FOCUS_GROUPS_VIEW (self->focus_groups));
  if (g_strcmp0 (name, SECTION_CONCERNS) == 0)
    sc_concerns_view_reload (SC_CONCERNS_VIEW (self->concerns));
}

static void
open_concerns_cb (ScInspectionPage *self)
{
  guint n = sc_concerns_view_get_n_open (SC_CONCERNS_VIEW (self->concerns));

  adw_view_stack_page_set_needs_attention (self->concerns_page, n > 0);
  adw_view_stack_page_set_badge_number (self->concerns_page, n);
}

static void
show_error (ScInspectionPage *self,
            const char       *message)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Could Not Open the Inspection"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), message);
  adw_view_stack_add_titled (self->stack, status, SECTION_RECORDS, _("Records"));
}

static void
build (ScInspectionPage *self)
{
  AdwViewStackPage *page;

  self->records = sc_records_view_new (self->context);
  page = adw_view_stack_add_titled (self->stack, self->records, SECTION_RECORDS, _("Records"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  self->focus_groups = sc_focus_groups_view_new (self->context);
  page = adw_view_stack_add_titled (self->stack, self->focus_groups, SECTION_FOCUS_GROUPS,
                                    _("Focus Groups"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");

  self->concerns = sc_concerns_view_new (self->context);
  self->concerns_page = adw_view_stack_add_titled (self->stack, self->concerns,
                                                   SECTION_CONCERNS, _("Concerns"));
  adw_view_stack_page_set_icon_name (self->concerns_page, "dialog-warning-symbolic");
  g_signal_connect_swapped (self->concerns, "notify::n-open", G_CALLBACK (open_concerns_cb),
                            self);
  open_concerns_cb (self);

  self->evaluations = sc_evaluations_view_new (self->context);
  page = adw_view_stack_add_titled (self->stack, self->evaluations, SECTION_EVALUATIONS,
                                    _("Evaluations"));
  adw_view_stack_page_set_icon_name (page, "starred-symbolic");

  page = adw_view_stack_add_titled (self->stack, sc_double_view_new (self->context),
                                    SECTION_DOUBLE, _("Double Reading"));
  adw_view_stack_page_set_icon_name (page, "edit-copy-symbolic");
}

static void
sc_inspection_page_dispose (GObject *object)
{
  ScInspectionPage *self = SC_INSPECTION_PAGE (object);

  sc_inspection_page_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_INSPECTION_PAGE);
  self->records = self->focus_groups = self->concerns = self->evaluations = NULL;
  G_OBJECT_CLASS (sc_inspection_page_parent_class)->dispose (object);
}

static void
sc_inspection_page_finalize (GObject *object)
{
  ScInspectionPage *self = SC_INSPECTION_PAGE (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  G_OBJECT_CLASS (sc_inspection_page_parent_class)->finalize (object);
}

static void
sc_inspection_page_class_init (ScInspectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_inspection_page_dispose;
  object_class->finalize = sc_inspection_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-inspection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScInspectionPage, box);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionPage, squeezer);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionPage, squeezed);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionPage, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, squeezed_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-inspection-page");
}

static void
sc_inspection_page_init (ScInspectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sc_inspection_page_new (ScStore    *store,
                        const char *inspection_id)
{
  ScInspectionPage *self = g_object_new (SC_TYPE_INSPECTION_PAGE, NULL);
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (store != NULL, GTK_WIDGET (self));

  self->context = sc_inspection_context_new (store, inspection_id, &error);
  if (self->context == NULL)
    show_error (self, error->message);
  else
    build (self);
  return GTK_WIDGET (self);
}

void
sc_inspection_page_flush (ScInspectionPage *self)
{
  g_return_if_fail (SC_IS_INSPECTION_PAGE (self));

  if (self->context == NULL || self->context->store == NULL)
    return;
  if (self->records != NULL)
    sc_records_view_flush (SC_RECORDS_VIEW (self->records));
  if (self->focus_groups != NULL)
    sc_focus_groups_view_flush (SC_FOCUS_GROUPS_VIEW (self->focus_groups));
  if (self->evaluations != NULL)
    sc_evaluations_view_flush (SC_EVALUATIONS_VIEW (self->evaluations));
  sc_inspection_context_close (self->context);
}

/* "records:R-0007:assessment-quality", "focus-groups:ID", "concerns",
 * "evaluations:5.2". */
char *
sc_inspection_page_save_state (ScInspectionPage *self)
{
  const char *section;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (SC_IS_INSPECTION_PAGE (self), NULL);

  section = adw_view_stack_get_visible_child_name (self->stack);
  if (section == NULL || self->context == NULL)
    return g_strdup (SECTION_RECORDS);
  if (g_str_equal (section, SECTION_RECORDS))
    detail = sc_records_view_save_state (SC_RECORDS_VIEW (self->records));
  else if (g_str_equal (section, SECTION_FOCUS_GROUPS))
    detail = sc_focus_groups_view_save_state (SC_FOCUS_GROUPS_VIEW (self->focus_groups));
  else if (g_str_equal (section, SECTION_EVALUATIONS))
    detail = sc_evaluations_view_save_state (SC_EVALUATIONS_VIEW (self->evaluations));
  if (detail == NULL || *detail == '\0')
    return g_strdup (section);
  return g_strdup_printf ("%s:%s", section, detail);
}

void
sc_inspection_page_restore_state (ScInspectionPage *self,
                                  const char       *state)
{
  g_auto (GStrv) parts = NULL;
  const char *detail;

  g_return_if_fail (SC_IS_INSPECTION_PAGE (self));

  if (state == NULL || self->context == NULL)
    return;
  parts = g_strsplit (state, ":", 2);
  if (adw_view_stack_get_child_by_name (self->stack, parts[0]) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->stack, parts[0]);
  detail = parts[1];
  if (detail == NULL)
    return;
  if (g_str_equal (parts[0], SECTION_RECORDS))
    sc_records_view_restore_state (SC_RECORDS_VIEW (self->records), detail);
  else if (g_str_equal (parts[0], SECTION_FOCUS_GROUPS))
    sc_focus_groups_view_restore_state (SC_FOCUS_GROUPS_VIEW (self->focus_groups), detail);
  else if (g_str_equal (parts[0], SECTION_EVALUATIONS))
    sc_evaluations_view_restore_state (SC_EVALUATIONS_VIEW (self->evaluations), detail);
}
