/*
 * libtraderules - run-time version query
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

const char *tr_version(void) {
  return TR_VERSION_STRING;
}

unsigned int tr_version_num(void) {
  return (unsigned int)TR_VERSION_NUM;
}
