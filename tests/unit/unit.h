/*
 * What every unit test includes: cmocka wants these headers first.
 */
#ifndef CONNLINT_UNIT_H
#define CONNLINT_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#endif
