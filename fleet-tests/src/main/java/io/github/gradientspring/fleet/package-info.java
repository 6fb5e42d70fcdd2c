/**
 * The fleet member: a small application on the starter that the fleet proof starts as several JVMs on one token. It
 * watches the jobs it is handed, makes a steady trickle of application calls, and reports what it saw.
 */
@NullMarked
package io.github.gradientspring.fleet;

import org.jspecify.annotations.NullMarked;
