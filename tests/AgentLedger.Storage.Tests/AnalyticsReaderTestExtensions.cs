using AgentLedger.Core.Analytics;

namespace AgentLedger.Storage.Tests;

internal static class AnalyticsReaderTestExtensions
{
    /// <summary>Distinct active users in scope in [<paramref name="fromHour"/>, <paramref name="toHour"/>), the fastest exact way.</summary>
    public static async Task<int> CountActiveUsersAsync(
        this IAnalyticsReader reader, AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken) =>
        (await reader.CountActiveUsersAsync(scope, [(fromHour, toHour)], useUserFreeRollups: true, cancellationToken).ConfigureAwait(false))[0];
}
