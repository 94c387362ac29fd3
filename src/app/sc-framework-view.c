/* sc-framework-view.c: everything in one framework, page by page
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-framework-view.h"
#include "sc-indicators-page.h"
#include "sc-instruments-page.h"
#include "sc-rules-page.h"
#include "sc-scales-page.h"
#include "sc-search.h"

/* How many hex digits of the SHA-256 to show; the copy button gives all 64. */
#define CHECKSUM_SHOWN 16

struct _ScFrameworkView
{
  GtkWidget parent_instance;

  GtkWidget          *layout;
  GtkLabel          *title_label;
  GtkLabel          *publisher_label;
  GtkLabel          *description_label;
  GtkLabel          *checksum_label;
  AdwViewStack      *stack;
  ScIndicatorsPage  *indicators_page;
  ScScalesPage      *scales_page;
  ScInstrumentsPage *instruments_page;
  ScRulesPage       *rules_page;

  ScFramework *framework;
  char        *folded_query;
  gboolean     compact;
};

G_DEFINE_FINAL_TYPE (ScFrameworkView, sc_framework_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A compact view leaves the title to the header bar and the description out,
 * so a narrow window keeps its height for the pages. */
static void
update_header_visibility (ScFrameworkView *self)
{
  gboolean has_description = self->framework != NULL
                             && sc_framework_get_description (self->framework) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !self->compact);
  gtk_widget_set_visible (GTK_WIDGET (self->publisher_label), !self->compact);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          !self->compact && has_description);
}

static void
show_header (ScFrameworkView *self)
{
  const char *description = sc_framework_get_description (self->framework);
  const char *sha256 = sc_framework_get_sha256 (self->framework);
  g_autofree char *publisher = NULL;
  g_autofree char *shortened = NULL;

  gtk_label_set_label (self->title_label, sc_framework_get_title (self->framework));

  /* Translators: who publishes a framework, then its version, e.g. "Ofsted · version 2013" */
  publisher = g_strdup_printf (_("%s · version %s"),
                               sc_framework_get_publisher (self->framework),
                               sc_framework_get_version (self->framework));
  gtk_label_set_label (self->publisher_label, publisher);

  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  update_header_visibility (self);

  shortened = g_strdup_printf ("%.*s…", CHECKSUM_SHOWN, sha256);
  gtk_label_set_label (self->checksum_label, shortened);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->checksum_label), sha256);
}

ScFramework *
sc_framework_view_get_framework (ScFrameworkView *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_VIEW (self), NULL);

  return self->framework;
}

void
sc_framework_view_set_framework (ScFrameworkView *self,
                                 ScFramework     *framework)
{
  g_return_if_fail (SC_IS_FRAMEWORK_VIEW (self));

  if (framework == self->framework)
    return;

  g_clear_pointer (&self->framework, sc_framework_unref);
  if (framework != NULL)
    self->framework = sc_framework_ref (framework);

  if (self->framework != NULL)
    show_header (self);

  sc_indicators_page_set_framework (self->indicators_page, self->framework);
  sc_scales_page_set_framework (self->scales_page, self->framework);
  sc_instruments_page_set_framework (self->instruments_page, self->framework);
  sc_rules_page_set_framework (self->rules_page, self->framework);

  /* Keep the search the user typed while they move between frameworks. */
  sc_indicators_page_set_search (self->indicators_page, self->folded_query);
  sc_instruments_page_set_search (self->instruments_page, self->folded_query);
}

gboolean
sc_framework_view_get_compact (ScFrameworkView *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_VIEW (self), FALSE);

  return self->compact;
}

void
sc_framework_view_set_compact (ScFrameworkView *self,
                               gboolean         compact)
{
  g_return_if_fail (SC_IS_FRAMEWORK_VIEW (self));

  compact = !!compact;
  if (compact == self->compact)
    return;

  self->compact = compact;
  update_header_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

AdwViewStack *
sc_framework_view_get_stack (ScFrameworkView *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_VIEW (self), NULL);

  return self->stack;
}

void
sc_framework_view_set_search (ScFrameworkView *self,
                              const char      *text)
{
  const char *page;

  g_return_if_fail (SC_IS_FRAMEWORK_VIEW (self));

  g_free (self->folded_query);
  self->folded_query = sc_search_fold (text);

  sc_indicators_page_set_search (self->indicators_page, self->folded_query);
  sc_instruments_page_set_search (self->instruments_page, self->folded_query);

  /* Only indicators and questions are searched: bring one of them into view. */
  page = adw_view_stack_get_visible_child_name (self->stack);
  if (*self->folded_query != '\0'
      && g_strcmp0 (page, "indicators") != 0 && g_strcmp0 (page, "instruments") != 0)
    adw_view_stack_set_visible_child_name (self->stack, "indicators");
}

static void
copy_checksum_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScFrameworkView *self = SC_FRAMEWORK_VIEW (widget);
  GtkWidget *overlay;

  if (self->framework == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          sc_framework_get_sha256 (self->framework));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("SHA-256 copied")));
}

static void
sc_framework_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScFrameworkView *self = SC_FRAMEWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_framework_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ScFrameworkView *self = SC_FRAMEWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      sc_framework_view_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_framework_view_dispose (GObject *object)
{
  ScFrameworkView *self = SC_FRAMEWORK_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_FRAMEWORK_VIEW);
  g_clear_pointer (&self->framework, sc_framework_unref);
  g_clear_pointer (&self->folded_query, g_free);

  G_OBJECT_CLASS (sc_framework_view_parent_class)->dispose (object);
}

static void
sc_framework_view_class_init (ScFrameworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_framework_view_dispose;
  object_class->get_property = sc_framework_view_get_property;
  object_class->set_property = sc_framework_view_set_property;

  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-framework-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, layout);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, publisher_label);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, description_label);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, checksum_label);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, indicators_page);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, scales_page);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, instruments_page);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworkView, rules_page);

  gtk_widget_class_install_action (widget_class, "view.copy-checksum", NULL,
                                   copy_checksum_action);
}

static void
sc_framework_view_init (ScFrameworkView *self)
{
  g_type_ensure (SC_TYPE_INDICATORS_PAGE);
  g_type_ensure (SC_TYPE_SCALES_PAGE);
  g_type_ensure (SC_TYPE_INSTRUMENTS_PAGE);
  g_type_ensure (SC_TYPE_RULES_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->folded_query = g_strdup ("");
}
