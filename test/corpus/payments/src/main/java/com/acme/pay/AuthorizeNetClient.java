package com.acme.pay;

import com.braintreegateway.BraintreeGateway;
import net.authorize.Environment;
import net.authorize.api.contract.v1.MerchantAuthenticationType;
import net.authorize.api.controller.base.ApiOperationBase;

public final class AuthorizeNetClient {
    private static final String API_LOGIN_ID = "9qFAKEcorp";

    private AuthorizeNetClient() {}

    static MerchantAuthenticationType merchantAuthentication() {
        ApiOperationBase.setEnvironment(Environment.PRODUCTION);
        MerchantAuthenticationType auth = new MerchantAuthenticationType();
        auth.setName(API_LOGIN_ID);
        auth.setTransactionKey("FAKE3corpTEST7Lg");
        return auth;
    }

    static BraintreeGateway paypalThroughBraintree() {
        // PayPal Express Checkout through the Braintree SDK.
        return new BraintreeGateway("access_token$production$corpusfaketestgt$bcb52bf1efc5f538aabbab97b80e5678");
    }

    static BraintreeGateway paypalThroughBraintreeFromEnv() {
        return new BraintreeGateway(System.getenv("BT_ACCESS_TOKEN"));
    }
}
