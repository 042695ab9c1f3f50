/*
 * libtraderules - JSON catalog load and save (placeholder until the loader lands).
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

int tr_catalog_new_default(tr_catalog **out) {
  if (!out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_catalog_new_default: out is NULL");
  return tr_catalog_new(out);
}

int tr_catalog_load_file(tr_catalog *catalog, const char *path) {
  if (!catalog || !path)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_catalog_load_file: NULL argument");
  return tr_set_error(TR_ERR_UNSUPPORTED, path, 0, 0, NULL, "JSON loading is not implemented yet");
}

int tr_catalog_load_data(tr_catalog *catalog, const char *data, size_t length, const char *name) {
  if (!catalog || (!data && length))
    return tr_fail(TR_ERR_INVALID_ARG, "tr_catalog_load_data: NULL argument");
  return tr_set_error(TR_ERR_UNSUPPORTED, name ? name : "<memory>", 0, 0, NULL,
                      "JSON loading is not implemented yet");
}

int tr_catalog_to_json(const tr_catalog *catalog, char **out) {
  if (!catalog || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_catalog_to_json: NULL argument");
  return tr_fail(TR_ERR_UNSUPPORTED, "JSON output is not implemented yet");
}

int tr_catalog_save_file(const tr_catalog *catalog, const char *path) {
  if (!catalog || !path)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_catalog_save_file: NULL argument");
  return tr_fail(TR_ERR_UNSUPPORTED, "JSON output is not implemented yet");
}
