using System.Text.Json.Serialization;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas;

/// <summary>Source-generated JSON for every event, response and body the functions read or write: no reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProxyRequest))]
[JsonSerializable(typeof(ProxyResponse))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(Pet))]
[JsonSerializable(typeof(PetListBody))]
[JsonSerializable(typeof(PetCreatedBody))]
[JsonSerializable(typeof(PetStore.Lambdas.Orders.Order))]
[JsonSerializable(typeof(PetStore.Lambdas.Orders.OrderBody))]
[JsonSerializable(typeof(PetStore.Lambdas.Orders.OrderListBody))]
[JsonSerializable(typeof(UserCreatedBody))]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(ChallengeBody))]
public sealed partial class LambdaJson : JsonSerializerContext;
