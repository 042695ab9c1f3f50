/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file traderules.h
 * @brief Umbrella header: include this one.
 */
#ifndef TRADERULES_H
#define TRADERULES_H

#include <traderules/common.h>
#include <traderules/error.h>
#include <traderules/io.h>
#include <traderules/version.h>
#include <traderules/model.h>
#include <traderules/catalog.h>
#include <traderules/analysis.h>
#include <traderules/coder.h>
#include <traderules/compare.h>
#include <traderules/corpus.h>
#include <traderules/audit.h>
#include <traderules/csv.h>
#include <traderules/plot.h>
#include <traderules/panel.h>
#include <traderules/stata.h>

#endif /* TRADERULES_H */
