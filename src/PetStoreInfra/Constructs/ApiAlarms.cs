using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

public sealed record ApiAlarmsProps(
    DeploymentConfig Config,
    Amazon.CDK.AWS.APIGateway.RestApi Api,
    ILogGroup AccessLogs,
    IReadOnlyDictionary<string, DotnetFunction> Functions,
    DotnetFunction Authorizer,
    ITable PetsTable,
    ITable OrdersTable,
    string OriginWebAclName,
    ITopic Topic);

/// <summary>
/// The alarms that say the API is unwell, all to one topic, and a dashboard of the same signals. Two signals come
/// from our own JSON logs through metric filters: throttled requests (access log status 429; people and tenants apart,
/// by the access log's kind) and authorizer errors
/// (its ERROR lines: Verified Permissions or the signing keys unreachable). Lambda's Errors metric cannot stand in
/// for the latter, because an authorizer answers 401 by failing with "Unauthorized".
/// </summary>
public sealed class ApiAlarms : Construct
{
    public IReadOnlyList<Alarm> Alarms { get; }

    public ApiAlarms(Construct scope, string id, ApiAlarmsProps props) : base(scope, id)
    {
        var config = props.Config;
        var nameSpace = $"PetStore/{config.Name}";
        var fiveMinutes = Duration.Minutes(5);
        var alarms = new List<Alarm>();

        Alarm Add(string alarmId, IMetric metric, double threshold, string description)
        {
            var alarm = new Alarm(this, alarmId, new AlarmProps
            {
                Metric = metric,
                AlarmDescription = description,
                Threshold = threshold,
                EvaluationPeriods = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            alarm.AddAlarmAction(new SnsAction(props.Topic));
            alarms.Add(alarm);
            return alarm;
        }

        var requests = props.Api.MetricCount(new MetricOptions { Period = fiveMinutes, Statistic = "Sum" });
        var serverErrors = props.Api.MetricServerError(new MetricOptions { Period = fiveMinutes, Statistic = "Sum" });
        var errorRate = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(requests > 0, 100 * errors / requests, 0)",
            UsingMetrics = new Dictionary<string, IMetric> { ["requests"] = requests, ["errors"] = serverErrors },
            Label = "5XX %",
            Period = fiveMinutes,
        });
        Add("Api5xxRate", errorRate, config.Alarms.Api5xxPercent, $"At least {config.Alarms.Api5xxPercent}% of API requests failed with 5XX in 5 minutes");

        var throttled = CountMatching(props.AccessLogs, "ThrottledFilter", nameSpace, "ThrottledRequests", FilterPattern.NumberValue("$.status", "=", 429));
        Add("ThrottledRequests", throttled, config.Alarms.ThrottledPer5Minutes, $"API Gateway throttled at least {config.Alarms.ThrottledPer5Minutes} requests (429) in 5 minutes");
        // People (on the interactive keys) and tenants (each on its own key) apart: who is being held back.
        IMetric ThrottledOf(string kind) => CountMatching(props.AccessLogs, $"Throttled{kind}Filter", nameSpace, $"Throttled{kind}",
            FilterPattern.All(FilterPattern.NumberValue("$.status", "=", 429), FilterPattern.StringValue("$.kind", "=", kind == "People" ? "person" : "tenant")));
        var throttledPeople = ThrottledOf("People");
        var throttledTenants = ThrottledOf("Tenants");
        Add("ThrottledPeople", throttledPeople, config.Alarms.ThrottledPer5Minutes, $"API Gateway throttled people (interactive keys) at least {config.Alarms.ThrottledPer5Minutes} times in 5 minutes");
        Add("ThrottledTenants", throttledTenants, config.Alarms.ThrottledPer5Minutes, $"API Gateway throttled tenants' keys at least {config.Alarms.ThrottledPer5Minutes} times in 5 minutes");

        var authorizerErrors = CountMatching(props.Authorizer.LogGroup, "AuthorizerErrorFilter", nameSpace, "AuthorizerErrors", FilterPattern.StringValue("$.level", "=", "ERROR"));
        Add("AuthorizerErrors", authorizerErrors, 1, "The authorizer could not decide (Verified Permissions or the signing keys unreachable)");

        var wafBlocked = new Metric(new MetricProps
        {
            Namespace = "AWS/WAFV2",
            MetricName = "BlockedRequests",
            DimensionsMap = new Dictionary<string, string> { ["WebACL"] = props.OriginWebAclName, ["Rule"] = "ALL", ["Region"] = Stack.Of(this).Region },
            Statistic = "Sum",
            Period = fiveMinutes,
        });
        Add("OriginWafBlockedSpike", wafBlocked, config.Alarms.WafBlockedPer5Minutes,
            $"The origin lock refused at least {config.Alarms.WafBlockedPer5Minutes} requests in 5 minutes: someone is calling the API around CloudFront");

        var allFunctions = props.Functions.Append(KeyValuePair.Create("Authorizer", props.Authorizer)).ToList();
        foreach (var (name, function) in props.Functions)
            Add($"{name}Errors", function.Function.MetricErrors(new MetricOptions { Period = fiveMinutes, Statistic = "Sum" }), 1, $"The {name} function failed");
        foreach (var (name, function) in allFunctions)
            Add($"{name}Throttles", function.Function.MetricThrottles(new MetricOptions { Period = fiveMinutes, Statistic = "Sum" }), 1, $"The {name} function was throttled");

        var tableThrottles = props.PetsTable.MetricThrottledRequestsForOperations(new OperationsMetricOptions
        {
            Operations = [.. PetsTableAccess.Operations.Select(DynamoOperation)],
            Period = fiveMinutes,
        });
        Add("PetsTableThrottles", tableThrottles, 1, "DynamoDB throttled requests to the pets table");
        Add("OrdersTableThrottles", props.OrdersTable.MetricThrottledRequestsForOperations(new OperationsMetricOptions
        {
            Operations = [.. OrdersTableAccess.Operations.Select(DynamoOperation)],
            Period = fiveMinutes,
        }), 1, "DynamoDB throttled requests to the orders table");
        Alarms = alarms;

        AddDashboard(config.Name, props.Api, new Signals(requests, serverErrors, errorRate, throttled, authorizerErrors, wafBlocked, tableThrottles, throttledPeople, throttledTenants), allFunctions);
    }

    /// <summary>What the alarms watch, for the dashboard.</summary>
    private sealed record Signals(IMetric Requests, IMetric ServerErrors, IMetric ErrorRate, IMetric Throttled, IMetric AuthorizerErrors,
        IMetric WafBlocked, IMetric TableThrottles, IMetric ThrottledPeople, IMetric ThrottledTenants);

    /// <summary>The same signals as the alarms, on one dashboard.</summary>
    private void AddDashboard(string environment, Amazon.CDK.AWS.APIGateway.RestApi api, Signals signals,
        IReadOnlyList<KeyValuePair<string, DotnetFunction>> allFunctions)
    {
        var fiveMinutes = Duration.Minutes(5);
        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = $"PetStore-{environment}" });
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "API requests and 5XX", Left = [signals.Requests, signals.ServerErrors], Right = [signals.ErrorRate], Width = 12 }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "API latency (p50, p99)",
                Left =
                [
                    api.MetricLatency(new MetricOptions { Period = fiveMinutes, Statistic = "p50" }),
                    api.MetricLatency(new MetricOptions { Period = fiveMinutes, Statistic = "p99" }),
                ],
                Width = 12,
            }));
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Throttled (429): all, people, tenants; authorizer errors",
                Left = [signals.Throttled, signals.ThrottledPeople, signals.ThrottledTenants],
                Right = [signals.AuthorizerErrors],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps { Title = "Origin lock: blocked requests", Left = [signals.WafBlocked], Width = 12 }));
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Lambda errors and throttles",
                Left = [.. allFunctions.Select(f => (IMetric)f.Value.Function.MetricErrors(new MetricOptions { Period = fiveMinutes, Label = $"{f.Key} errors" }))],
                Right = [.. allFunctions.Select(f => (IMetric)f.Value.Function.MetricThrottles(new MetricOptions { Period = fiveMinutes, Label = $"{f.Key} throttles" }))],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps { Title = "DynamoDB throttles (pets)", Left = [signals.TableThrottles], Width = 12 }));
    }

    private IMetric CountMatching(ILogGroup logs, string filterId, string nameSpace, string metricName, IFilterPattern pattern)
    {
        var filter = new MetricFilter(this, filterId, new MetricFilterProps
        {
            LogGroup = logs,
            FilterPattern = pattern,
            MetricNamespace = nameSpace,
            MetricName = metricName,
            MetricValue = "1",
            DefaultValue = 0,
        });
        return filter.Metric(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" });
    }

    /// <summary>CDK's name for a DynamoDB operation: <c>GetItem</c> is <see cref="Operation.GET_ITEM"/>.</summary>
    internal static Operation DynamoOperation(string name) =>
        Enum.TryParse<Operation>(System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant(), out var operation)
            ? operation
            : throw new ArgumentException($"{name} is not a DynamoDB operation CloudWatch reports (PetsTableAccess.Operations)", nameof(name));
}
