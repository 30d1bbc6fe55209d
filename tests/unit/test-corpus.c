#include "system.h"
#include "tap.h"
int main(void){tap_locale();return tap_done();}
