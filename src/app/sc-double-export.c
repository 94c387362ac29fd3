/* sc-double-export.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker thread borrows the store; while it runs the section keeps its
 * own actions off, the other sections have saved what they had pending when
 * this one was shown (sc-inspection-page.c flushes them on a change), and the
 * window holds the store open: locking waits for the file to be written.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-double-export.h"
#include "sc-export-csv.h"
#include "sc-export.h"
#include "sc-report.h"
#include "sc-window.h"

typedef struct
{
  GtkWidget *widget;
  ScInspectionContext *context;
  ScDoubleExportKind kind;
  GtkFileChooserNative *chooser;
  ScWindow *window; /* holding the store while the thread writes */
  char *path;
  void (*finished) (GtkWidget *widget);
} Export;

static void
export_free (Export *export)
{
  if (export->finished != NULL)
    export->finished (export->widget);
  if (export->window != NULL)
    {
      sc_window_release_store (export->window);
      g_object_unref (export->window);
    }
  g_clear_object (&export->chooser);
  g_object_unref (export->widget);
  sc_inspection_context_unref (export->context);
  g_free (export->path);
  g_free (export);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Export *export = data;
  ScInspectionContext *context = export->context;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  /* The file chooser has asked before replacing a file. */
  if (export->kind == SC_DOUBLE_EXPORT_REPORT)
    ok = sc_report_write_pdf (context->store, context->inspection, export->path, TRUE, &error);
  else
    ok = sc_export_statistics_csv (context->store, context->inspection, export->path, TRUE,
                                   &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_path_get_basename (export->path);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("Nothing was saved: %s"), error->message);
  else if (export->kind == SC_DOUBLE_EXPORT_REPORT)
    message = g_strdup_printf (_("Report saved as “%s”"), name);
  else
    message = g_strdup_printf (_("Statistics saved as “%s”"), name);
  sc_inspection_toast (export->widget, message);
  /* Here rather than as the task's data: the last reference to the task may
   * be dropped in the worker thread, and this touches widgets. */
  export_free (export);
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           Export          *export)
{
  GtkRoot *root = gtk_widget_get_root (export->widget);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    export->path = g_file_get_path (file);
  if (export->path == NULL || export->context->store == NULL)
    {
      export_free (export);
      return;
    }
  if (SC_IS_WINDOW (root))
    {
      export->window = SC_WINDOW (g_object_ref (root));
      sc_window_hold_store (export->window);
    }
  sc_inspection_toast (export->widget, export->kind == SC_DOUBLE_EXPORT_REPORT
                                         ? _("Writing the report…")
                                         : _("Writing the statistics…"));
  task = g_task_new (NULL, NULL, written_cb, NULL);
  g_task_set_task_data (task, export, NULL);
  g_task_run_in_thread (task, write_thread);
}

static char *
suggested_name (Export *export)
{
  const char *title = export->context->details != NULL ? export->context->details->title : NULL;
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : _("Inspection"));

  g_strdelimit (base, "/\\", '-');
  g_strdelimit (base, ":", ',');
  if (export->kind == SC_DOUBLE_EXPORT_REPORT)
    /* Translators: a file name; %s is the inspection's title */
    return g_strdup_printf (_("%s – report.pdf"), base);
  /* Translators: a file name; %s is the inspection's title */
  return g_strdup_printf (_("%s – agreement.csv"), base);
}

static void
choose_file (Export *export)
{
  GtkRoot *root = gtk_widget_get_root (export->widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (export);
  gboolean report = export->kind == SC_DOUBLE_EXPORT_REPORT;

  export->chooser = gtk_file_chooser_native_new (report ? _("Export Report")
                                                        : _("Export Statistics"),
                                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                 _("_Cancel"));
  gtk_file_filter_set_name (filter, report ? _("PDF documents") : _("CSV files"));
  gtk_file_filter_add_suffix (filter, report ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);
  g_signal_connect (export->chooser, "response", G_CALLBACK (chosen_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

static void
warned_cb (AdwMessageDialog *dialog,
           const char       *response,
           Export           *export)
{
  if (g_str_equal (response, "continue"))
    choose_file (export);
  else
    export_free (export);
}

void
sc_double_export_start (GtkWidget           *widget,
                        ScInspectionContext *context,
                        ScDoubleExportKind   kind,
                        void               (*finished) (GtkWidget *widget))
{
  Export *export = g_new0 (Export, 1);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  export->widget = g_object_ref (widget);
  export->context = sc_inspection_context_ref (context);
  export->kind = kind;
  export->finished = finished;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   kind == SC_DOUBLE_EXPORT_REPORT
                                     ? _("Export the Report?")
                                     : _("Export the Statistics?"),
                                   sc_export_get_warning ());
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "continue", _("_Choose Where to Save…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (warned_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}
