/* sc-load-error-dialog.c: why a framework file could not be opened
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sc-load-error-dialog.h"

struct _ScLoadErrorDialog
{
  AdwMessageDialog parent_instance;

  GtkBox *problems_box;
};

G_DEFINE_FINAL_TYPE (ScLoadErrorDialog, sc_load_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* A dialog cannot scroll well (wrapped labels in a scrolled window get cut),
 * so it lists this many problems and counts the rest. */
#define MAX_PROBLEMS_SHOWN 12

/* The loader names the file by its full path; the base name reads better and
 * still tells the user which file. */
static char *
shorten_location (const char *line,
                  const char *path,
                  const char *basename)
{
  if (path != NULL && g_str_has_prefix (line, path) && line[strlen (path)] == ':')
    return g_strconcat (basename, line + strlen (path), NULL);

  return g_strdup (line);
}

/* "FILE:LINE: message" with the location in bold. */
static GtkWidget *
problem_label_new (const char *line)
{
  const char *split = strstr (line, ": ");
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (split != NULL)
    {
      g_autofree char *location = g_strndup (line, split - line + 1);

      markup = g_markup_printf_escaped ("<b>%s</b>%s", location, split + 1);
    }
  else
    {
      markup = g_markup_escape_text (line, -1);
    }

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static guint
add_problems (ScLoadErrorDialog *self,
              GFile             *file,
              const char        *message)
{
  g_auto (GStrv) lines = g_strsplit (message, "\n", -1);
  g_autofree char *basename = g_file_get_basename (file);
  const char *path = g_file_peek_path (file);
  guint n_problems = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;

      if (++n_problems > MAX_PROBLEMS_SHOWN)
        continue;

      line = shorten_location (lines[i], path, basename);
      gtk_box_append (self->problems_box, problem_label_new (line));
    }

  if (n_problems > MAX_PROBLEMS_SHOWN)
    {
      guint n_more = n_problems - MAX_PROBLEMS_SHOWN;
      g_autofree char *more = NULL;
      GtkWidget *label;

      more = g_strdup_printf (ngettext ("… and %u more problem", "… and %u more problems",
                                        n_more),
                              n_more);
      label = gtk_label_new (more);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->problems_box, label);
    }

  return n_problems;
}

GtkWidget *
sc_load_error_dialog_new (GtkWindow    *parent,
                          GFile        *file,
                          const GError *error)
{
  ScLoadErrorDialog *self;
  g_autofree char *basename = NULL;
  g_autofree char *body = NULL;
  guint n_problems;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (SC_TYPE_LOAD_ERROR_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  n_problems = add_problems (self, file, error->message);
  basename = g_file_get_basename (file);
  body = g_strdup_printf (ngettext ("“%s” has %u problem. Nothing else has changed.",
                                    "“%s” has %u problems. Nothing else has changed.",
                                    n_problems),
                          basename, n_problems);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  return GTK_WIDGET (self);
}

static void
sc_load_error_dialog_class_init (ScLoadErrorDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-load-error-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScLoadErrorDialog, problems_box);
}

static void
sc_load_error_dialog_init (ScLoadErrorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
