/* sc-framework-row.c: a framework in the sidebar
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-framework-row.h"

struct _ScFrameworkRow
{
  AdwActionRow parent_instance;

  ScFramework *framework;
  GFile       *file;
};

G_DEFINE_FINAL_TYPE (ScFrameworkRow, sc_framework_row, ADW_TYPE_ACTION_ROW)

GtkWidget *
sc_framework_row_new (ScFramework *framework,
                      GFile       *file)
{
  ScFrameworkRow *self;

  g_return_val_if_fail (framework != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (SC_TYPE_FRAMEWORK_ROW,
                       "title", sc_framework_get_title (framework),
                       "subtitle", sc_framework_get_publisher (framework),
                       NULL);
  self->framework = sc_framework_ref (framework);
  g_set_object (&self->file, file);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self), path);
    }

  return GTK_WIDGET (self);
}

ScFramework *
sc_framework_row_get_framework (ScFrameworkRow *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_ROW (self), NULL);

  return self->framework;
}

GFile *
sc_framework_row_get_file (ScFrameworkRow *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_ROW (self), NULL);

  return self->file;
}

gboolean
sc_framework_row_is_builtin (ScFrameworkRow *self)
{
  g_return_val_if_fail (SC_IS_FRAMEWORK_ROW (self), FALSE);

  return self->file == NULL;
}

static void
sc_framework_row_finalize (GObject *object)
{
  ScFrameworkRow *self = SC_FRAMEWORK_ROW (object);

  g_clear_pointer (&self->framework, sc_framework_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sc_framework_row_parent_class)->finalize (object);
}

static void
sc_framework_row_class_init (ScFrameworkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sc_framework_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-framework-row.ui");
}

static void
sc_framework_row_init (ScFrameworkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
