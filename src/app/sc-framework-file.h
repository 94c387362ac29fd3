/* sc-framework-file.h: load a framework file off the main thread
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

/* Loads FILE in a worker thread; the loader's errors (one problem a line, as
 * sc-load-error-dialog shows them) come back through the GError. */
void         sc_framework_file_load_async (GFile               *file,
                                           gpointer             source_object,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
ScFramework *sc_framework_file_load_finish (GAsyncResult  *result,
                                            GError       **error);
/* The file that was being loaded, for the error dialog. */
GFile       *sc_framework_file_get_file (GAsyncResult *result);
/* A file filter for framework files. */
GtkFileFilter *sc_framework_file_filter_new (void);

G_END_DECLS
