from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from rest_framework.authtoken.models import Token
from requests.auth import HTTPBasicAuth


def login_view(request):
    username = request.POST.get("username", "")
    password = request.POST.get("password", "")
    user = authenticate(request, username=username, password=password)
    if user is None:
        return JsonResponse({"error": "Invalid username or password"}, status=401)
    login(request, user)
    token, _ = Token.objects.get_or_create(user=user)
    return JsonResponse({"token": token.key, "token_type": "Bearer", "expires_in": 3600})


def partner_client(settings):
    auth = HTTPBasicAuth(settings.PARTNER_USER, settings.PARTNER_PASSWORD)
    secret_key = settings.SECRET_KEY
    api_key_header = {"X-API-Key": settings.PARTNER_API_KEY}
    return auth, secret_key, api_key_header
