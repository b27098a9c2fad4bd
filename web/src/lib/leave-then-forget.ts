/**
 * Runs `forget` (dropping a deleted record from the cache) once `navigation` has left its page:
 * dropping it while the page still shows it would only fetch it again, into a 404.
 */
export async function leaveThenForget(
  navigation: void | Promise<void>,
  forget: () => void,
): Promise<void> {
  await navigation;
  forget();
}
