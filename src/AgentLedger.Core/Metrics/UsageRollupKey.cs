using AgentLedger.Core.Records;

namespace AgentLedger.Core.Metrics;

/// <summary>
/// The grain of the hourly rollup: workspace × hour × user × team × client × model. Agent and surface follow
/// from the client id. Model is empty, never null, so that it can be part of a unique key on every engine.
/// </summary>
public sealed record UsageRollupKey(DateTimeOffset HourStart, string UserId, string Team, ClientId ClientId, string Model)
{
    public Agent Agent => ClientCatalog.AgentOf(ClientId);

    public Surface Surface => ClientCatalog.SurfaceOf(ClientId);

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
