using System.Globalization;
using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Policies.Planning;

/// <summary>
/// One thing a request can vary in that some policy of the action reads, and the values that tell its classes apart;
/// a yes-or-no dimension (in a group, works in a store) is <paramref name="Boolean"/>.
/// </summary>
public sealed record Dimension(string Name, IReadOnlyList<string> Values, bool Boolean = false);

/// <summary>One request class: a value of each dimension, and a request of that class as Verified Permissions receives it.</summary>
public sealed record RequestClass(IReadOnlyList<string> Values, JsonObject Request);

/// <summary>Every request class of one action.</summary>
public sealed record ActionClasses(string Action, Route Route, IReadOnlyList<Dimension> Dimensions, IReadOnlyList<RequestClass> Classes, int Unreachable);

/// <summary>
/// Derives the request classes of an action: a dimension for each thing its policies (before and after) read, with
/// the values they can tell apart. Groups, stores, providers and statuses come from the configuration and the
/// route table; text takes its values from <see cref="TextValues"/>; prices are each literal, the nearest prices on
/// either side, and three around 10. A value the API would refuse (a path parameter, a body the
/// handler refuses) makes no class: no request of it reaches Cedar. What is not read has one value, so two requests of
/// a class differ only in what no policy reads, or in a value no literal separates.
/// </summary>
public static class RequestClasses
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Absent = "absent";
    public const string Given = "given";

    /// <summary>The product of the dimensions the plan enumerates at most, per action.</summary>
    public const long MaxClassesPerAction = 500_000;

    private const string OtherString = "other";
    private const string DefaultId = "0190b1e2-7c1d-7a7e-9f00-000000000001";
    private const string DefaultOrderId = "0190b1e2-7c1d-7a7e-9f00-0000000000a1";

    public static ActionClasses For(Route route, string action, IReadOnlySet<string> reads, PolicyVocabulary vocabulary, PlanDeployment deployment)
    {
        bool Reads(string path) => reads.Any(r => r == path || r.StartsWith(path + ".", StringComparison.Ordinal)
            || (r.StartsWith("context", StringComparison.Ordinal) && path.StartsWith(r + ".", StringComparison.Ordinal)));
        var dimensions = new List<(Dimension Dimension, Action<ClassBuilder, string> Apply)>();
        void Add(string name, IEnumerable<string> values, Action<ClassBuilder, string> apply, bool boolean = false) =>
            dimensions.Add((new Dimension(name, [.. values.Distinct()], boolean), apply));
        IReadOnlyList<string> Text(string path, IEnumerable<string> names, string standIn, Func<string, bool>? accepted = null) =>
            TextValues.For([.. vocabulary.Strings(path).Concat(names).Distinct()], vocabulary.Patterns(path), [standIn], accepted ?? (_ => true));
        var start = new ClassBuilder(action);

        // The principal: its provider (only those configured: no other can send a request), groups, username, kind and stores.
        var providers = deployment.Providers;
        if (Reads("principal.provider"))
            Add("provider", providers.Select(p => p.Name), (b, v) => b.Provider = v);
        else
            start.Provider = providers.OrderByDescending(p => p.Groups.Count).ThenByDescending(p => p.AcceptsTenants).First().Name;
        foreach (var group in deployment.Groups)
            Add($"in {group}", [Yes, No], (b, v) => { if (v == Yes) b.Groups.Add(group); }, boolean: true);
        if (Reads("principal.username"))
            Add("username", Text("principal.username", [], "someone"), (b, v) => b.Username = v);
        if (Reads("principal.kind"))
            Add("kind", providers.Any(p => p.AcceptsTenants) ? [CedarAction.KindOf(CallerKind.Person), CedarAction.KindOf(CallerKind.Tenant)] : [CedarAction.KindOf(CallerKind.Person)],
                (b, v) => b.Kind = v);
        if (Reads("principal.stores"))
            foreach (var store in deployment.Stores.Select(s => s.Id).Concat(vocabulary.Entities(CedarAction.StoreType)).Distinct())
                Add($"works in {store}", [Yes, No], (b, v) => { if (v == Yes) b.Stores.Add(store); }, boolean: true);

        // The path parameters: each literal the policies compare one with (or the id of an entity of the route's
        // resource type they name), and one other value.
        var resourceReadById = Reads("resource") && vocabulary.Entities(route.ResourceType).Count > 0;
        foreach (var (name, kind) in route.Parameters)
        {
            var identifies = kind == PathParameterKind.Id && route.Resource is not null;
            if (!Reads($"context.pathParameters.{name}") && !(identifies && resourceReadById))
            {
                start.PathParameters[name] = Default(kind);
                continue;
            }
            Add(name, Text($"context.pathParameters.{name}", identifies ? vocabulary.Entities(route.ResourceType) : [], Default(kind), v => IsCanonical(name, kind, v)),
                (b, v) => b.PathParameters[name] = v);
        }

        // The resource, as stored, and the body.
        var storeIds = deployment.Stores.Select(s => s.Id).ToList();
        var storeRead = Reads("resource") || Reads("resource.store");
        switch (route.Resource)
        {
            case "Store":
                if (storeRead || Reads($"context.body.{StoreField}")) Add("store", storeIds, (b, v) => b.Body[StoreField] = v);
                else start.Body[StoreField] = storeIds[0];
                break;
            case "Pet":
                if (storeRead) Add("pet store", storeIds, (b, v) => b.PetStore = v);
                if (Reads("resource.status")) Add("pet status", PetStatuses.All, (b, v) => b.PetStatus = v);
                if (Reads("resource.price")) Add("pet price", Prices(vocabulary), (b, v) => b.PetPrice = decimal.Parse(v, CultureInfo.InvariantCulture));
                if (Reads("resource.type")) Add("pet type", Text("resource.type", [], "dog"), (b, v) => b.PetType = v);
                break;
            case "Order":
                if (storeRead) Add("order store", storeIds, (b, v) => b.OrderStore = v);
                if (Reads("resource.owner")) Add("order placed by", ["the caller", "someone else"], (b, v) => b.OrderOwner = v == "the caller" ? "me" : "someone-else");
                if (Reads("resource.status")) Add("order status", [OrderStatus.Placed, OrderStatus.Cancelled], (b, v) => b.OrderStatus = v);
                if (Reads("resource.pet")) Add("order pet", Text("resource.pet", vocabulary.Entities(CedarAction.PetType), DefaultId, RouteParameters.IsCanonicalId), (b, v) => b.OrderPet = v);
                // A list has no order id in its path: the orders it decides are the dimension.
                if (resourceReadById && route.Parameters.Count == 0)
                    Add("order", Text("resource", vocabulary.Entities(CedarAction.OrderType), DefaultOrderId, RouteParameters.IsCanonicalId), (b, v) => b.OrderId = v);
                break;
        }
        foreach (var field in route.Body?.Fields ?? [])
        {
            if (route.Resource == "Store" && field.Name == StoreField) continue;
            var path = $"context.body.{field.Name}";
            // The body field naming the pet to order is the resource's id.
            var identifies = route.Resource == "Pet" && field.Name == PetField;
            if (!Reads(path) && !(identifies && resourceReadById)) continue;
            IEnumerable<string> values = field.Schema switch
            {
                EnumField choice => choice.Values,
                NumberField => Prices(vocabulary),
                _ => Text(path, identifies ? vocabulary.Entities(CedarAction.PetType) : [], DefaultOf(field)),
            };
            Add($"body {field.Name}", field.Required ? values : [Absent, .. values], (b, v) => b.Set(field, v));
        }

        start.FirstStore = storeIds[0];
        start.Read = [.. dimensions.Select(d => d.Dimension.Name).Where(n => n.StartsWith("body ", StringComparison.Ordinal)).Select(n => n["body ".Length..])];
        var total = dimensions.Aggregate(1L, (n, d) => n * d.Dimension.Values.Count);
        if (total > MaxClassesPerAction)
            throw new InvalidDataException($"{action}: its policies tell {total:N0} request classes apart ({string.Join(" × ", dimensions.Select(d => $"{d.Dimension.Name} {d.Dimension.Values.Count}"))}), more than the plan enumerates ({MaxClassesPerAction:N0}): compare fewer literals in one action's policies.");

        var classes = new List<RequestClass>();
        var unreachable = 0;
        var stores = deployment.Stores;
        foreach (var values in Product(dimensions.Select(d => d.Dimension.Values).ToList()))
        {
            var builder = start.Copy();
            for (var i = 0; i < values.Count; i++) dimensions[i].Apply(builder, values[i]);
            if (!builder.CanExist(deployment, route))
                continue;
            try
            {
                classes.Add(new RequestClass(values, DecisionRequests.Build(builder.ToRequest(route), stores)));
            }
            catch (ArgumentException)
            {
                unreachable++; // the API refuses such a request: Cedar never sees it
            }
        }
        return new ActionClasses(action, route, [.. dimensions.Select(d => d.Dimension)], classes, unreachable);
    }

    /// <summary>The body fields that name the resource of a resource route: the store a pet is added to, the pet ordered.</summary>
    private const string StoreField = "storeId";
    private const string PetField = "petId";

    private static string Default(PathParameterKind kind) => kind == PathParameterKind.Id ? DefaultId : OtherString;

    private static string DefaultOf(BodyField field) => field.Schema switch
    {
        EnumField choice => choice.Values[0],
        NumberField => "10.00",
        TextField { Pattern: RouteParameters.IdPattern } => DefaultId,
        _ => "dog",
    };

    private static bool IsCanonical(string name, PathParameterKind kind, string value) =>
        RouteParameters.TryRead(name, kind, value, out var read, out _) && read == value;

    /// <summary>
    /// Prices that tell every comparison with a literal apart: each literal, the nearest prices (to the cent, as the API
    /// takes them) below and above it, and 9.99, 10.00 and 10.01 (so two prices read together can be equal or not).
    /// </summary>
    public static IReadOnlyList<string> Prices(PolicyVocabulary vocabulary)
    {
        var prices = new SortedSet<decimal> { 9.99m, 10.00m, 10.01m };
        foreach (var literal in vocabulary.Decimals)
        {
            var below = Math.Floor(literal * 100) / 100;
            var above = Math.Ceiling(literal * 100) / 100;
            foreach (var price in new[] { below - 0.01m, below, above, above + 0.01m })
                if (price is >= 0 and <= PetRules.PriceMax) prices.Add(price);
        }
        return [.. prices.Select(p => p.ToString("0.00", CultureInfo.InvariantCulture))];
    }

    private static IEnumerable<IReadOnlyList<string>> Product(IReadOnlyList<IReadOnlyList<string>> dimensions)
    {
        var index = new int[dimensions.Count];
        if (dimensions.Any(d => d.Count == 0)) yield break;
        while (true)
        {
            yield return [.. index.Select((i, d) => dimensions[d][i])];
            var position = dimensions.Count - 1;
            while (position >= 0 && ++index[position] == dimensions[position].Count) index[position--] = 0;
            if (position < 0) yield break;
        }
    }

    /// <summary>A request of a class, filled in one dimension at a time.</summary>
    private sealed class ClassBuilder(string action)
    {
        public string Provider { get; set; } = "";
        public HashSet<string> Groups { get; private init; } = [];
        public string Username { get; set; } = "someone";
        public string Kind { get; set; } = CedarAction.KindOf(CallerKind.Person);
        public List<string> Stores { get; private init; } = [];
        public Dictionary<string, string> PathParameters { get; private init; } = [];
        public Dictionary<string, JsonNode?> Body { get; private init; } = [];
        public string? PetStore { get; set; }
        public string PetStatus { get; set; } = Contract.PetStatuses.All[0];
        public decimal PetPrice { get; set; } = 10m;
        public string PetType { get; set; } = "dog";
        public string? OrderStore { get; set; }
        public string OrderOwner { get; set; } = "me";
        public string OrderStatus { get; set; } = Contract.OrderStatus.Placed;
        public string OrderPet { get; set; } = DefaultId;
        public string? OrderId { get; set; }

        public ClassBuilder Copy() => new(action)
        {
            Provider = Provider, Groups = [.. Groups], Username = Username, Kind = Kind, Stores = [.. Stores],
            PathParameters = new(PathParameters), Body = Body.ToDictionary(b => b.Key, b => b.Value?.DeepClone()),
            PetStore = PetStore, PetStatus = PetStatus, PetPrice = PetPrice, PetType = PetType,
            OrderStore = OrderStore, OrderOwner = OrderOwner, OrderStatus = OrderStatus, OrderPet = OrderPet, OrderId = OrderId,
            Read = Read, FirstStore = FirstStore,
        };

        public void Set(BodyField field, string value)
        {
            if (value == Absent) Body.Remove(field.Name);
            else Body[field.Name] = field.Schema is NumberField ? JsonValue.Create(decimal.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        }

        /// <summary>Whether a caller of this class can exist: a provider grants only its groups, and a tenant's client works in no store.</summary>
        public bool CanExist(PlanDeployment deployment, Route route) =>
            deployment.Providers.Single(p => p.Name == Provider) is var provider && Groups.All(provider.Groups.Contains)
            && (Kind != CedarAction.KindOf(CallerKind.Tenant) || (provider.AcceptsTenants && Stores.Count == 0));

        public DecisionRequest ToRequest(Route route)
        {
            var body = new JsonObject();
            foreach (var field in route.Body?.Fields ?? [])
            {
                if (Body.TryGetValue(field.Name, out var given)) body[field.Name] = given?.DeepClone();
                else if (field.Required) body[field.Name] = field.Schema is NumberField ? JsonValue.Create(10.00m) : JsonValue.Create(DefaultOf(field));
            }
            // A body of optional fields must give one: a field no policy reads stands in for "none of those read".
            if (body.Count == 0 && route.Body?.Fields.FirstOrDefault(f => !Body.ContainsKey(f.Name) && !Read.Contains(f.Name)) is { } filler)
                body[filler.Name] = filler.Schema is NumberField ? JsonValue.Create(10.00m) : JsonValue.Create(DefaultOf(filler));
            return new DecisionRequest
            {
                Principal = new DecisionPrincipal { Groups = [.. Groups.Order(StringComparer.Ordinal)], Provider = Provider, Username = Username, Kind = Kind, Stores = [.. Stores] },
                Action = action,
                PathParameters = PathParameters,
                Body = route.Body is null ? null : body,
                Resource = route.Resource switch
                {
                    "Pet" => new DecisionResourceSpec { Pet = new DecisionPet { Store = PetStore ?? FirstStore, Status = PetStatus, Price = PetPrice, Type = PetType } },
                    "Order" => new DecisionResourceSpec { Order = new DecisionOrder { Owner = OrderOwner, Store = OrderStore ?? FirstStore, Status = OrderStatus, Pet = OrderPet, Id = OrderId } },
                    _ => null,
                },
            };
        }

        /// <summary>The body fields some dimension sets (set by <see cref="RequestClasses.For"/>).</summary>
        public HashSet<string> Read { get; set; } = [];

        public string FirstStore { get; set; } = "";
    }
}
