using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Orders;

/// <summary>Pure checks of order requests.</summary>
public static class OrderRequests
{
    /// <summary>The pet to order: an id exactly as the API writes it.</summary>
    public static Validated<string> ParseNewOrder(ProxyRequest request)
    {
        var body = RequestBody.Read(request, BodyModels.NewOrder.Names);
        if (!body.IsValid) return Validated<string>.Fail(body.Error!);
        var problems = new List<string>();
        var petId = body.Value!.Id("petId", problems);
        return RequestBody.Problems(problems, () => petId!);
    }
}
