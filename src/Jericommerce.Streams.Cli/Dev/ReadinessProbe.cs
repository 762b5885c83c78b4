namespace Jericommerce.Streams.Cli.Dev;

/// <summary>Polls a service's <c>/readyz</c> until it answers 200.</summary>
internal static class ReadinessProbe
{
    public static async Task WaitAsync(HttpClient http, Uri readyUrl, Task<int> exited, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        while (!exited.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.GetAsync(readyUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe's own timeout: ask again.
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken));
        }
    }
}
