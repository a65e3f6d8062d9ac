/**
 * Code with known concurrency bugs, for the testkit's own tests. The package is named like an
 * exercise package ({@code l00_…}) so that it is kept out of the JIT exactly as a student's code
 * is: the testkit is proven under the conditions it is used in.
 */
package l00_testkit_fixtures;
