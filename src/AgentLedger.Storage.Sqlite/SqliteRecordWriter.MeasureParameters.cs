using AgentLedger.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        /// <summary>One integer parameter per <see cref="UsageMeasures.Columns"/> entry, named <c>$column</c>, for a rollup upsert.</summary>
        private static SqliteParameter[] AddMeasureParameters(SqliteCommand command) =>
            UsageMeasures.Columns.Select(c => command.Parameters.Add("$" + c.Name, SqliteType.Integer)).ToArray();

        /// <summary>Sets the parameters of <see cref="AddMeasureParameters"/> to <paramref name="sums"/> (money in micro-units).</summary>
        private static void BindMeasures(SqliteParameter[] parameters, UsageMeasures sums)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                var column = UsageMeasures.Columns[c];
                var value = column.Get(sums);
                parameters[c].Value = column.IsMoney ? SqliteMoney.ToMicros(value) : (long)value;
            }
        }
    }
}
