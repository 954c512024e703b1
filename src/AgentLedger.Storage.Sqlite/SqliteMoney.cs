using AgentLedger.Core.Metrics;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Money is stored as integer micro-units so that sums are exact (SQLite has no decimal type).</summary>
internal static class SqliteMoney
{
    private const decimal Scale = 1_000_000m;

    public static long ToMicros(decimal value) => (long)decimal.Round(value * Scale, 0, MidpointRounding.ToEven);

    public static decimal FromMicros(long micros) => decimal.Round(micros / Scale, CreditCalculator.MoneyDecimals);
}
