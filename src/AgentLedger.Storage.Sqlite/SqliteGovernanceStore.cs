using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Budgets, channels, settings and governance notifications on SQLite.</summary>
public sealed class SqliteGovernanceStore(SqliteDatabase database) : IGovernanceStore
{
    private const string BudgetSelect = """
        SELECT workspace_id AS WorkspaceId, budget_id AS BudgetId, name AS Name, scope AS Scope, scope_value AS ScopeValue, period AS Period,
               unit AS Unit, amount_micros AS AmountMicros, thresholds AS Thresholds, mode AS Mode, time_zone AS TimeZone,
               created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM budgets
        """;

    private const string ChannelSelect = """
        SELECT workspace_id AS WorkspaceId, channel_id AS ChannelId, name AS Name, kind AS Kind, target AS Target, secret AS Secret,
               created_at AS CreatedAt
        FROM alert_channels
        """;

    private const string SettingsSelect = """
        SELECT workspace_id AS WorkspaceId, pseudonymise_users AS PseudonymiseUsers, min_group_size AS MinGroupSize,
               report_show_names AS ReportShowNames, report_schedule AS ReportSchedule, report_time_zone AS ReportTimeZone,
               pseudonym_key AS PseudonymKey, updated_at AS UpdatedAt
        FROM governance_settings
        """;

    private const string DeliverySelect = """
        SELECT n.workspace_id AS WorkspaceId, n.notification_id AS NotificationId, n.dedupe_key AS DedupeKey, n.kind AS Kind, n.subject AS Subject,
               n.payload AS Payload, n.created_at AS CreatedAt, d.channel_id AS ChannelId, d.status AS Status, d.attempts AS Attempts,
               d.next_attempt_at AS NextAttemptAt, d.delivered_at AS DeliveredAt, d.last_error AS LastError
        FROM notification_deliveries AS d
        JOIN governance_notifications AS n ON n.workspace_id = d.workspace_id AND n.notification_id = d.notification_id
        """;

    public async Task SaveBudgetAsync(Budget budget, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO budgets (workspace_id, budget_id, name, scope, scope_value, period, unit, amount_micros, thresholds, mode, time_zone,
                                 created_at, updated_at)
            VALUES (@WorkspaceId, @BudgetId, @Name, @Scope, @ScopeValue, @Period, @Unit, @Amount, @Thresholds, @Mode, @TimeZone, @CreatedAt, @UpdatedAt)
            ON CONFLICT (workspace_id, budget_id) DO UPDATE SET name = excluded.name, scope = excluded.scope, scope_value = excluded.scope_value,
                period = excluded.period, unit = excluded.unit, amount_micros = excluded.amount_micros, thresholds = excluded.thresholds,
                mode = excluded.mode, time_zone = excluded.time_zone, updated_at = excluded.updated_at
            """,
            new
            {
                budget.WorkspaceId, budget.BudgetId, budget.Name, Scope = GovernanceNames.Of(budget.Scope), budget.ScopeValue,
                Period = GovernanceNames.Of(budget.Period), Unit = GovernanceNames.Of(budget.Unit), Amount = SqliteMoney.ToMicros(budget.Amount),
                Thresholds = string.Join(',', budget.Thresholds), Mode = GovernanceNames.Of(budget.Mode), budget.TimeZone,
                CreatedAt = SqliteTime.ToMicros(budget.CreatedAt), UpdatedAt = SqliteTime.ToMicros(budget.UpdatedAt),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<Budget?> FindBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<BudgetRow>(new CommandDefinition(
            BudgetSelect + " WHERE workspace_id = @workspaceId AND budget_id = @budgetId", new { workspaceId, budgetId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToBudget();
    }

    public async Task<IReadOnlyList<Budget>> ListBudgetsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            BudgetSelect + " WHERE workspace_id = @workspaceId ORDER BY name, budget_id", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToBudget()).ToList();
    }

    public async Task<IReadOnlyList<Budget>> ListAllBudgetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            BudgetSelect + " ORDER BY workspace_id, budget_id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToBudget()).ToList();
    }

    public async Task<bool> DeleteBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM budgets WHERE workspace_id = @workspaceId AND budget_id = @budgetId", new { workspaceId, budgetId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_channels (workspace_id, channel_id, name, kind, target, secret, created_at)
            VALUES (@WorkspaceId, @ChannelId, @Name, @Kind, @Target, @Secret, @CreatedAt)
            ON CONFLICT (workspace_id, channel_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, target = excluded.target,
                secret = excluded.secret
            """,
            new
            {
                channel.WorkspaceId, channel.ChannelId, channel.Name, Kind = GovernanceNames.Of(channel.Kind), channel.Target, channel.Secret,
                CreatedAt = SqliteTime.ToMicros(channel.CreatedAt),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ChannelRow>(new CommandDefinition(
            ChannelSelect + " WHERE workspace_id = @workspaceId ORDER BY created_at, channel_id", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToChannel()).ToList();
    }

    public async Task<bool> DeleteChannelAsync(string workspaceId, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_channels WHERE workspace_id = @workspaceId AND channel_id = @channelId", new { workspaceId, channelId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<GovernanceSettings?> FindSettingsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            SettingsSelect + " WHERE workspace_id = @workspaceId", new { workspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSettings();
    }

    public async Task SaveSettingsAsync(GovernanceSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO governance_settings (workspace_id, pseudonymise_users, min_group_size, report_show_names, report_schedule,
                                             report_time_zone, pseudonym_key, updated_at)
            VALUES (@WorkspaceId, @Pseudonymise, @MinGroupSize, @ShowNames, @Schedule, @ReportTimeZone, @PseudonymKey, @UpdatedAt)
            ON CONFLICT (workspace_id) DO UPDATE SET pseudonymise_users = excluded.pseudonymise_users, min_group_size = excluded.min_group_size,
                report_show_names = excluded.report_show_names, report_schedule = excluded.report_schedule,
                report_time_zone = excluded.report_time_zone, pseudonym_key = excluded.pseudonym_key, updated_at = excluded.updated_at
            """,
            new
            {
                settings.WorkspaceId, Pseudonymise = settings.PseudonymiseUsers ? 1 : 0, settings.MinGroupSize, ShowNames = settings.ReportShowNames ? 1 : 0,
                Schedule = GovernanceNames.Of(settings.ReportSchedule), settings.ReportTimeZone, settings.PseudonymKey,
                UpdatedAt = SqliteTime.ToMicros(settings.UpdatedAt),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GovernanceSettings>> ListSettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SettingsRow>(new CommandDefinition(
            SettingsSelect + " ORDER BY workspace_id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSettings()).ToList();
    }

    public async Task<bool> TryAddNotificationAsync(
        GovernanceNotification notification, IReadOnlyList<string> channelIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO governance_notifications (workspace_id, notification_id, dedupe_key, kind, subject, payload, created_at)
            VALUES (@WorkspaceId, @NotificationId, @DedupeKey, @Kind, @Subject, @Payload, @CreatedAt)
            ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
            """,
            new
            {
                notification.WorkspaceId, notification.NotificationId, notification.DedupeKey, notification.Kind, notification.Subject,
                Payload = notification.Payload.ToJsonString(), CreatedAt = SqliteTime.ToMicros(notification.CreatedAt),
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (added == 0)
        {
            return false;
        }

        foreach (var channelId in channelIds.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO notification_deliveries (workspace_id, notification_id, channel_id, status, attempts, next_attempt_at)
                VALUES (@WorkspaceId, @NotificationId, @channelId, 'pending', 0, @At)
                """,
                new { notification.WorkspaceId, notification.NotificationId, channelId, At = SqliteTime.ToMicros(notification.CreatedAt) },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<NotificationDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            DeliverySelect + " WHERE d.status = 'pending' AND d.next_attempt_at <= @now ORDER BY d.next_attempt_at, d.notification_id, d.channel_id LIMIT @limit",
            new { now = SqliteTime.ToMicros(now), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    public async Task RecordAttemptAsync(
        string workspaceId, string notificationId, string channelId, DeliveryStatus status, DateTimeOffset at, DateTimeOffset nextAttemptAt,
        string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET status = @Status, attempts = attempts + 1, next_attempt_at = @Next,
                delivered_at = @DeliveredAt, last_error = @error
            WHERE workspace_id = @workspaceId AND notification_id = @notificationId AND channel_id = @channelId
            """,
            new
            {
                workspaceId, notificationId, channelId, Status = GovernanceNames.Of(status), Next = SqliteTime.ToMicros(nextAttemptAt),
                DeliveredAt = status == DeliveryStatus.Delivered ? SqliteTime.ToMicros(at) : (long?)null, error,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GovernanceNotification>> ListNotificationsAsync(
        string workspaceId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT workspace_id AS WorkspaceId, notification_id AS NotificationId, dedupe_key AS DedupeKey, kind AS Kind, subject AS Subject,
                   payload AS Payload, created_at AS CreatedAt
            FROM governance_notifications
            WHERE workspace_id = @workspaceId AND (@beforeId IS NULL OR notification_id < @beforeId)
            ORDER BY notification_id DESC LIMIT @limit
            """,
            new { workspaceId, beforeId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToNotification()).ToList();
    }

    public async Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string workspaceId, string notificationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            DeliverySelect + " WHERE d.workspace_id = @workspaceId AND d.notification_id = @notificationId ORDER BY d.channel_id",
            new { workspaceId, notificationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    private sealed class BudgetRow
    {
        public string WorkspaceId { get; set; } = "";
        public string BudgetId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Scope { get; set; } = "";
        public string ScopeValue { get; set; } = "";
        public string Period { get; set; } = "";
        public string Unit { get; set; } = "";
        public long AmountMicros { get; set; }
        public string Thresholds { get; set; } = "";
        public string Mode { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Budget ToBudget() => new(
            WorkspaceId, BudgetId, Name, GovernanceNames.Parse<BudgetScopeKind>(Scope), ScopeValue, GovernanceNames.Parse<BudgetPeriod>(Period),
            GovernanceNames.Parse<BudgetUnit>(Unit), SqliteMoney.FromMicros(AmountMicros),
            Thresholds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList(),
            GovernanceNames.Parse<BudgetMode>(Mode), TimeZone, SqliteTime.FromMicros(CreatedAt), SqliteTime.FromMicros(UpdatedAt));
    }

    private sealed class ChannelRow
    {
        public string WorkspaceId { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Target { get; set; } = "";
        public string? Secret { get; set; }
        public long CreatedAt { get; set; }

        public AlertChannel ToChannel() =>
            new(WorkspaceId, ChannelId, Name, GovernanceNames.Parse<AlertChannelKind>(Kind), Target, Secret, SqliteTime.FromMicros(CreatedAt));
    }

    private sealed class SettingsRow
    {
        public string WorkspaceId { get; set; } = "";
        public long PseudonymiseUsers { get; set; }
        public long MinGroupSize { get; set; }
        public long ReportShowNames { get; set; }
        public string ReportSchedule { get; set; } = "";
        public string ReportTimeZone { get; set; } = "";
        public byte[] PseudonymKey { get; set; } = [];
        public long UpdatedAt { get; set; }

        public GovernanceSettings ToSettings() => new(
            WorkspaceId, PseudonymiseUsers != 0, (int)MinGroupSize, ReportShowNames != 0, GovernanceNames.Parse<ReportSchedule>(ReportSchedule),
            ReportTimeZone, PseudonymKey, SqliteTime.FromMicros(UpdatedAt));
    }

    private sealed class DeliveryRow
    {
        public string WorkspaceId { get; set; } = "";
        public string NotificationId { get; set; } = "";
        public string DedupeKey { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Payload { get; set; } = "";
        public long CreatedAt { get; set; }
        public string ChannelId { get; set; } = "";
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public long NextAttemptAt { get; set; }
        public long? DeliveredAt { get; set; }
        public string? LastError { get; set; }

        public GovernanceNotification ToNotification() => new(
            WorkspaceId, NotificationId, DedupeKey, Kind, Subject, (JsonObject)JsonNode.Parse(Payload)!, SqliteTime.FromMicros(CreatedAt));

        public NotificationDelivery ToDelivery() => new(
            ToNotification(), ChannelId, GovernanceNames.Parse<DeliveryStatus>(Status), (int)Attempts, SqliteTime.FromMicros(NextAttemptAt),
            DeliveredAt is { } at ? SqliteTime.FromMicros(at) : null, LastError);
    }
}
