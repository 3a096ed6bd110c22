<style>
    * {
        margin: 0;
        padding: 0;
    }

    .header {
        position: absolute;
        bottom: 0;
        height: 55px;
        width: 100%;
        background-color: rgba(69, 139, 247, 0.3);
    }

    .header-item {
        display: inline-block;
        width: 32%;
        height: 100%;
        text-align: center;
        border-left: 1px solid rgba(69, 139, 247, 0.5);
    }
</style>
<div style="width:100%;height:100%">
    <div class="header">
        <div class="header-item"></div>
        <div class="header-item"></div>
        <div class="header-item"></div>
    </div>
</div>