from cdktf import App as App
from cdktf import Fn as Fn
from cdktf import LocalBackend as LocalBackend
from cdktf import S3Backend as S3Backend
from cdktf import TerraformOutput as TerraformOutput
from cdktf import TerraformProvider as TerraformProvider
from cdktf import TerraformResource as TerraformResource
from cdktf import TerraformResourceLifecycle as TerraformResourceLifecycle
from cdktf import TerraformStack as TerraformStack
from cdktf import Testing as Testing
from cdktf import Token as Token

NAMES: tuple[str, ...]
__all__: list[str]
