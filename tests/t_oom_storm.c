/*
 * t_oom_storm - 50 OOM kills in a row: t_oom with more rounds.  The
 * kernel must stay up, kill once per hog and get its memory back.
 */
#define OOM_ROUNDS 50
#include "t_oom.c"
