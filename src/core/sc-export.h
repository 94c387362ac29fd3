/* sc-export.h: files that leave the encrypted store, written safely
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports and CSV exports are plain files outside the store. They are
 * written to a temporary file beside the target (readable by the owner
 * only), synced, and renamed into place: a full disk or a crash leaves no
 * partial file, and an existing file is only replaced when asked.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define SC_EXPORT_ERROR (sc_export_error_quark ())

typedef enum
{
  SC_EXPORT_ERROR_FAILED,
  SC_EXPORT_ERROR_EXISTS,     /* the target exists and replacing it was not allowed */
  SC_EXPORT_ERROR_NO_SPACE,   /* the disk (or quota) is full */
  SC_EXPORT_ERROR_UNWRITABLE, /* no such folder, or no permission */
  SC_EXPORT_ERROR_INVALID,    /* e.g. an unknown file type */
} ScExportError;

typedef struct _ScExportFile ScExportFile;

GQuark sc_export_error_quark (void);

/* The sentence to show before writing any export, translated: the file
 * leaves the encrypted store and must be handled as sensitive. */
const char *sc_export_get_warning (void);

/* Starts writing PATH; fails at once if it exists and not OVERWRITE. */
ScExportFile *sc_export_file_begin (const char  *path,
                                    gboolean     overwrite,
                                    GError     **error);
const char   *sc_export_file_get_path (ScExportFile *self);
/* Buffered; the first failure is kept and reported again by later calls
 * and by _commit(). */
gboolean      sc_export_file_write (ScExportFile  *self,
                                    const void    *data,
                                    gsize          length,
                                    GError       **error);
/* For cairo_pdf_surface_create_for_stream(); CLOSURE is the ScExportFile. */
cairo_status_t sc_export_file_cairo_write (void                *closure,
                                           const unsigned char *data,
                                           unsigned int         length);
/* Flushes, syncs and renames into place; on failure nothing is left. */
gboolean      sc_export_file_commit (ScExportFile  *self,
                                     GError       **error);
/* Removes the temporary file (if not committed) and frees SELF. */
void          sc_export_file_free (ScExportFile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScExportFile, sc_export_file_free)

G_END_DECLS
