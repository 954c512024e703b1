namespace AgentLedger.Storage.PostgreSql;

/// <summary>Money travels as numeric(20,6): exact, at the 6 decimals <see cref="Core.Metrics.CreditCalculator"/> keeps.</summary>
internal static class PostgreSqlMoney
{
    /// <summary>
    /// numeric(20,6) reads back as e.g. 1.500000; dividing by a one of maximal scale drops the trailing zeros, so that a
    /// figure prints the same as it does from SQLite (1.5). The value is unchanged.
    /// </summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
