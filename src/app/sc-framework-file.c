/* sc-framework-file.c: load a framework file off the main thread
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-framework-file.h"

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  const char *path = g_file_peek_path (file);
  g_autoptr (GError) error = NULL;
  ScFramework *framework;

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only files on this computer can be opened"), name);
      return;
    }

  framework = sc_framework_load_file (path, &error);
  if (framework == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, framework, (GDestroyNotify) sc_framework_unref);
}

void
sc_framework_file_load_async (GFile               *file,
                              gpointer             source_object,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_framework_file_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

ScFramework *
sc_framework_file_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_framework_file_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
sc_framework_file_get_file (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result));
}

GtkFileFilter *
sc_framework_file_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Framework Files (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  return filter;
}
